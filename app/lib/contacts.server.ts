// Who may keep the network's contacts, and the lists their forms offer.
import type { AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import { may } from "../../shared/permissions";
import { listOrganizations } from "../../db/queries/users";
import { actorOf, forbidden } from "./auth.server";

export function requireContactKeeper(user: User): void {
  if (!may(actorOf(user), "network.contacts")) forbidden("The network's contacts are kept by its admins and coordinators.");
}

/** Organizations for a select, in the order the profile page offers them. */
export async function organizationOptions(context: AppLoadContext) {
  return (await listOrganizations(context.services.db)).map((o) => ({ value: o.id, label: o.name }));
}

/** Regions in use by organizations and contacts. */
export async function regionsInUse(context: AppLoadContext): Promise<string[]> {
  const { db } = context.services;
  const [orgs, contacts] = await Promise.all([db.selectFrom("organizations").select("region").distinct().execute(), db.selectFrom("contacts").select("region").distinct().execute()]);
  return [...new Set([...orgs, ...contacts].map((r) => r.region).filter((r): r is string => Boolean(r)))].sort();
}

/** Every community, for choosing its members as an audience. */
export function communityOptions(context: AppLoadContext) {
  return context.services.db.selectFrom("communities").select(["id", "name"]).orderBy("name").execute();
}
