// One contact's proof of consent as CSV: every ledger row, oldest first, with the exact wording
// shown, the address and browser of web forms, and who recorded it (cells defused against
// spreadsheet formulas). Admins and coordinators only.
import type { Route } from "./+types/contact.consent-csv";
import { notFound, requireUser } from "../lib/auth.server";
import { requireContactKeeper } from "../lib/contacts.server";
import { csvResponse } from "../lib/csv";
import { getContact, ledgerOf } from "../../db/queries/contacts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireContactKeeper(requireUser(context, request));
  const { db } = context.services;
  const contact = await getContact(db, params.contactId);
  if (!contact) notFound("There is no such contact.");
  const ledger = await ledgerOf(db, contact.id);
  return csvResponse(
    [
      ["email", "at_utc", "kind", "collected_by", "source", "wording", "wording_sha256", "ip_address", "browser", "recorded_by"],
      ...ledger.map((r) => [contact.email, r.at, r.kind, r.method, r.source, r.wording, r.wording_hash, r.ip, r.user_agent, r.recorded_by]),
    ],
    `consent-${contact.email.replace(/[^a-z0-9.@-]/g, "_")}.csv`,
  );
}
