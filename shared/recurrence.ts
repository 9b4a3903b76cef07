// Meeting recurrence: an RFC 5545 RRULE applied to a wall-clock start in an IANA time zone.
// The rule is expanded in "floating" wall-clock time by `rrule`, and each wall-clock start is
// then placed in the zone by Luxon with the tz database's offsets (shared/timezones.ts), so a
// 15:30 meeting stays at 15:30 across clock changes, and across changes of the rules themselves:
// an occurrence is named by its local date, never by an instant that new rules would move.
import { DateTime } from "luxon";
import * as rruleModule from "rrule";
import { recurrencePresets } from "./recurrencePresets";
import { isKnownZone, luxonZone } from "./timezones";

// rrule is CommonJS under Node and ESM under bundlers; take its exports from whichever arrived.
const { Frequency, RRule } = ("default" in rruleModule ? (rruleModule as unknown as { default: typeof rruleModule }).default : rruleModule);

export { recurrencePresets, type RecurrencePreset } from "./recurrencePresets";

export { defaultTimezone } from "./recurrencePresets";

export interface SeriesRule {
  /** "YYYY-MM-DDTHH:mm" in `timezone`. */
  startLocal: string;
  timezone: string;
  rrule: string;
  /** The last local date that may hold an occurrence ("2027-06-16"); none after it. */
  endsOn?: string | null;
}

const allowedFrequencies = new Set([Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY]);
/** Never expand more than this many occurrences in one call, whatever the window. */
const maxOccurrences = 1000;

export function isValidTimezone(zone: string): boolean {
  return isKnownZone(zone);
}

export function isValidLocal(local: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) && DateTime.fromISO(local).isValid;
}

/** Parses and checks an RRULE body; returns an error message, or null when it is usable. */
export function rruleProblem(rrule: string): string | null {
  try {
    const options = RRule.parseString(rrule.replace(/^RRULE:/i, ""));
    if (options.freq === undefined || !allowedFrequencies.has(options.freq)) return "Repeat daily, weekly, monthly or yearly";
    if (options.byhour || options.byminute || options.bysecond) return "The time of day comes from the start time";
    if (options.dtstart) return "The start comes from the series, not the rule";
    return null;
  } catch {
    return "This repeat rule could not be read";
  }
}

/** The UTC instant of a wall-clock time in a zone (a time skipped by DST moves forward). */
export function localToUtc(local: string, timezone: string): Date {
  return DateTime.fromISO(local, { zone: luxonZone(timezone) }).toJSDate();
}

export function utcToLocal(instant: Date | string, timezone: string): string {
  return DateTime.fromJSDate(new Date(instant), { zone: luxonZone(timezone) }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** One occurrence as the rule places it. */
export interface Slot {
  /** The local date in the series' zone, "2026-12-09": the occurrence's lasting name. */
  date: string;
  /** Its UTC start under the zone rules in use. */
  start: Date;
}

const floating = (local: string): Date => {
  const dt = DateTime.fromISO(local, { zone: "utc" });
  return dt.toJSDate();
};

/** The series' occurrences (as the rule places them) with from <= start < to, in order. */
export function occurrencesBetween(rule: SeriesRule, from: Date, to: Date): Slot[] {
  if (rruleProblem(rule.rrule)) return [];
  const zone = luxonZone(rule.timezone);
  const options = RRule.parseString(rule.rrule.replace(/^RRULE:/i, ""));
  const recurrence = new RRule({ ...options, dtstart: floating(rule.startLocal), tzid: null });
  const day = 24 * 60 * 60 * 1000;
  // Widen the floating window by a day each side: no zone is more than 14 hours from UTC.
  const slots: Slot[] = [];
  recurrence.between(new Date(from.getTime() - day), new Date(to.getTime() + day), true, (wallClock) => {
    const instant = DateTime.fromObject(
      {
        year: wallClock.getUTCFullYear(),
        month: wallClock.getUTCMonth() + 1,
        day: wallClock.getUTCDate(),
        hour: wallClock.getUTCHours(),
        minute: wallClock.getUTCMinutes(),
      },
      { zone },
    ).toJSDate();
    const date = wallClock.toISOString().slice(0, 10);
    if (rule.endsOn && date > rule.endsOn) return false;
    if (instant >= from && instant < to) slots.push({ date, start: instant });
    return slots.length < maxOccurrences;
  });
  return slots;
}

/** The occurrence the rule gives on this local date ("2026-12-09"), or null when it gives none. */
export function occurrenceOn(rule: SeriesRule, date: string): Slot | null {
  if (!isLocalDate(date)) return null;
  const start = localToUtc(`${date}T${rule.startLocal.slice(11)}`, rule.timezone);
  if (Number.isNaN(start.getTime())) return null;
  const [slot] = occurrencesBetween(rule, start, new Date(start.getTime() + 1));
  return slot?.date === date ? slot : null;
}

export function isLocalDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

/**
 * Addresses made before occurrences were named by date carried their UTC start,
 * "20261125T233000Z"; this reads one back so that old links can be sent on.
 */
export function parseLegacyOccurrenceKey(key: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(key);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function describeRule(rrule: string): string {
  const preset = Object.values(recurrencePresets).find((p) => p.rrule === rrule);
  if (preset) return preset.label;
  try {
    return RRule.fromString(rrule.replace(/^RRULE:/i, "")).toText();
  } catch {
    return rrule;
  }
}

/** The local date of the last occurrence that has started by `now`, or null when none has. */
export function lastStartedOn(rule: SeriesRule, now: Date): string | null {
  const first = localToUtc(rule.startLocal, rule.timezone);
  if (Number.isNaN(first.getTime()) || first > now) return null;
  // Look back a year at a time: a series may have met for many years.
  for (let to = now; to > first; to = new Date(to.getTime() - 366 * 86_400_000)) {
    const from = new Date(Math.max(first.getTime(), to.getTime() - 366 * 86_400_000));
    const slots = occurrencesBetween(rule, from, new Date(to.getTime() + 1));
    if (slots.length) return slots[slots.length - 1].date;
  }
  return null;
}
