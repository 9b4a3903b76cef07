// The contacts a search finds, as CSV (every cell defused against spreadsheet formulas), with each
// one's consent as the ledger says now. Admins and coordinators only.
import type { Route } from "./+types/contacts-csv";
import { requireUser } from "../lib/auth.server";
import { requireContactKeeper } from "../lib/contacts.server";
import { csvResponse } from "../lib/csv";
import { consentsOf, searchContacts } from "../../db/queries/contacts";
import { filterFromParams } from "../../shared/network/contactSearch";
import { consentState } from "../../shared/network/consent";

/** At most this many rows in one download. */
const maxRows = 100_000;

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const { db } = context.services;
  const { rows } = await searchContacts(db, filterFromParams(new URL(request.url).searchParams), 1, maxRows);
  const ledgers = await consentsOf(
    db,
    rows.map((r) => r.id),
  );
  const now = new Date();
  return csvResponse(
    [
      ["name", "email", "organization", "role", "region", "has_account", "newsletter_consent"],
      ...rows.map((r) => {
        const state = consentState(ledgers.get(r.id) ?? [], now);
        return [r.name, r.email, r.organization, r.role, r.region, r.user_id ? "yes" : "no", state.live ? state.basis : state.reason];
      }),
    ],
    "contacts.csv",
  );
}
