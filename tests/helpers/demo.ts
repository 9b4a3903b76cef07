// The demo network's people, as the seed makes them (db/seed.ts), for tests to sign in as.
import type { DB } from "../../db/connect";
export const demoEmails = {
  admin: "admin@csl-commons.example",
  daniel: "daniel.okafor@csl-commons.example",
  priya: "priya.sandhu@csl-commons.example",
  sam: "member@csl-commons.example",
  lena: "lena.fischer@csl-commons.example",
  grace: "grace.chen@csl-commons.example",
  marcus: "marcus.lee@csl-commons.example",
  owen: "owen.macdonald@csl-commons.example",
  fatima: "fatima.haddad@csl-commons.example",
  noah: "noah.bergstrom@csl-commons.example",
  hana: "hana.sato@csl-commons.example",
  aiyana: "aiyana.george@csl-commons.example",
};

/** The email of a plain member (not a facilitator) of a seeded community. */
export async function aMemberOf(db: DB, slug: string): Promise<string> {
  const member = await db
    .selectFrom("memberships")
    .innerJoin("communities", "communities.id", "memberships.community_id")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email"])
    .where("communities.slug", "=", slug)
    .where("memberships.role", "=", "member")
    .orderBy("users.email")
    .executeTakeFirstOrThrow();
  return member.email;
}
