// The demo network's people, as the seed makes them (db/seed.ts), for tests to sign in as.
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
