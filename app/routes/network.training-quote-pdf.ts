// A version of a training request's quote as a PDF download (/network/training/<id>/quotes/<version>.pdf).
import type { Route } from "./+types/network.training-quote-pdf";
import { notFound, requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { offeringRules } from "../../shared/training/offerings";
import { quote } from "../../shared/training/quote";
import { formatMeetingTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { quotePdf } from "../../server/quotePdf";
import { contentDisposition } from "../../server/resourceFiles";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const version = Number(/^(\d{1,6})\.pdf$/.exec(params.file)?.[1]);
  const r = await db.selectFrom("training_requests").selectAll().where("id", "=", params.requestId).executeTakeFirst();
  const v = r && Number.isInteger(version) ? await db.selectFrom("training_quotes").selectAll().where("request_id", "=", r.id).where("version", "=", version).executeTakeFirst() : undefined;
  if (!r || !v) notFound("There is no such quote.");
  const rules = offeringRules[r.offering];
  const summary = rules.billing === "per-participant" ? `${v.participants} participants for the year.` : `${v.hours} hours, ${v.participants} participants, ${v.facilitators} ${v.facilitators === 1 ? "facilitator" : "facilitators"}, ${r.mode}.`;
  const pdf = await quotePdf({ organization: r.organization, contactName: r.contact_name, offeringName: rules.name, version: v.version, dated: formatMeetingTime(v.created_at, v.created_at, defaultTimezone).date, summary, quote: quote({ offering: r.offering, hours: v.hours, participants: v.participants, facilitators: v.facilitators, prepHours: v.prep_hours }), note: v.note });
  const name = `Quote ${r.organization} v${v.version}.pdf`;
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Length": String(pdf.byteLength), "Content-Disposition": contentDisposition("attachment", name), "Cache-Control": "private, no-store" } });
}
