// Dates as people in the network read them, always in a named time zone so the server and
// the browser print the same text. The wall-clock time comes from the tz database
// (shared/timezones.ts); Intl only spells it out in Canadian English.
import { DateTime } from "luxon";
import { luxonZone, zoneLabel } from "./timezones";
import { defaultTimezone } from "./recurrencePresets";

const inZone = (iso: string, timezone: string) => DateTime.fromISO(iso).setZone(luxonZone(timezone)).setLocale("en-CA");
// ICU releases differ in the spaces they put before "p.m." (narrow no-break in newer ones):
// plain spaces read the same on every runtime.
const spell = (dt: DateTime, options: Intl.DateTimeFormatOptions) => dt.toLocaleString(options).replace(/[\u202f\u00a0]/g, " ");

/** "Wednesday, December 9, 2026" and "3:30 p.m. – 5:00 p.m. Pacific Time". */
export function formatMeetingTime(startIso: string, endIso: string, timezone: string): { date: string; time: string } {
  const start = inZone(startIso, timezone);
  const end = inZone(endIso, timezone);
  const clock = { hour: "numeric", minute: "2-digit" } as const;
  return {
    date: spell(start, { weekday: "long", month: "long", day: "numeric", year: "numeric" }),
    time: `${spell(start, clock)} – ${spell(end, clock)} ${zoneLabel(timezone, start.toMillis())}`,
  };
}

/** "Dec 9, 2026, 3:30 p.m." */
export function formatDateTime(iso: string, timezone: string): string {
  return spell(inZone(iso, timezone), { dateStyle: "medium", timeStyle: "short" });
}

/** "Dec 9" */
export function formatShortDate(iso: string, timezone: string): string {
  return spell(inZone(iso, timezone), { month: "short", day: "numeric" });
}

/** The zone a person reads times in: their own, or the network's. */
export const zoneOf = (person: { timezone: string | null } | null | undefined): string => person?.timezone ?? defaultTimezone;
