// The emails the training pipeline sends the requester: the quote when the request is quoted (or a
// revised quote sent), and the sessions when it is scheduled. Recorded in the transaction that made
// the change, released after it commits; links are absolute, from PUBLIC_URL.
import type { Transaction } from "kysely";
import type { Database, EventRow, TrainingRequestTable } from "../db/schema";
import type { DB } from "../db/connect";
import type { Selectable } from "kysely";
import { offeringRules } from "../shared/training/offerings";
import { formatCad, type Quote } from "../shared/training/quote";
import { whenOf } from "./eventNotices";
import type { Services } from "./services";

type Mailer = Services["mailer"];
type Request = Selectable<TrainingRequestTable>;

export function quoteText(quote: Quote): string {
  const lines = quote.lines.map((l) => `- ${l.label}: ${l.quantity} ${l.unit}${l.quantity === 1 ? "" : "s"} × ${formatCad(l.unitCents)} = ${formatCad(l.amountCents)}`);
  return `${lines.join("\n")}\nTotal (CAD): ${formatCad(quote.totalCents)}\n\nBorne by your district or school: ${quote.borneByClient.join("; ")}.`;
}

export function recordQuoteEmail(trx: Transaction<Database>, mailer: Mailer, request: Request, version: number, quote: Quote, note: string | null): Promise<string> {
  const offering = offeringRules[request.offering].name;
  return mailer.record(trx as unknown as DB, {
    to: request.contact_email,
    kind: "training",
    subject: `Your quote: ${offering} for ${request.organization}${version > 1 ? ` (version ${version})` : ""}`,
    text: `Hello ${request.contact_name},\n\nThank you for asking the BC Compassionate Systems Leadership Network about ${offering}. Here is our quote${version > 1 ? `, revised (version ${version})` : ""}:\n\n${quoteText(quote)}${note ? `\n\n${note}` : ""}\n\nReply to this email to agree, or to talk it over.`,
  });
}

export function recordScheduledEmail(trx: Transaction<Database>, mailer: Mailer, origin: string, request: Request, sessions: EventRow[]): Promise<string> {
  const offering = offeringRules[request.offering].name;
  const list = sessions.map((e, i) => `${i + 1}. ${whenOf(e)}, ${e.mode === "online" ? "online" : `at ${e.venue}`}\n   Participants register here: ${origin}/events/${e.slug}`).join("\n");
  return mailer.record(trx as unknown as DB, {
    to: request.contact_email,
    kind: "training",
    subject: `Scheduled: ${offering} for ${request.organization}`,
    text: `Hello ${request.contact_name},\n\n${offering} for ${request.organization} is scheduled:\n\n${list}\n\nPlease share the registration ${sessions.length === 1 ? "link" : "links"} with your participants: each gets a confirmation with a calendar file, a reminder the day before, and a certificate of participation once they have attended. The ${sessions.length === 1 ? "page is" : "pages are"} not listed on the network's public calendar.`,
  });
}
