// The director's dashboard figures, as pure functions of rows: the school year (September to
// August, in Pacific Time) and the counts the charts draw.
import { DateTime } from "luxon";
import { luxonZone } from "../timezones";

export interface SchoolYear {
  /** "2026–27" */
  label: string;
  startIso: string;
  endIso: string;
  /** The months, September first: "Sep" … "Aug", with their first instants. */
  months: { label: string; startIso: string; endIso: string }[];
}

/** The school year an instant falls in, in the zone given (BC's by default). */
export function schoolYearOf(at: Date, zone = "America/Vancouver"): SchoolYear {
  const local = DateTime.fromJSDate(at).setZone(luxonZone(zone));
  const startYear = local.month >= 9 ? local.year : local.year - 1;
  const start = DateTime.fromObject({ year: startYear, month: 9, day: 1 }, { zone: luxonZone(zone) });
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = start.plus({ months: i });
    return { label: m.toFormat("LLL"), startIso: m.toUTC().toISO()!, endIso: m.plus({ months: 1 }).toUTC().toISO()! };
  });
  return { label: `${startYear}–${String((startYear + 1) % 100).padStart(2, "0")}`, startIso: start.toUTC().toISO()!, endIso: start.plus({ years: 1 }).toUTC().toISO()!, months };
}

/** Counts of `keys` among `values`, in the order of `keys` (zero included). */
export function countBy<K extends string>(keys: readonly K[], values: readonly K[]): { key: K; n: number }[] {
  return keys.map((key) => ({ key, n: values.filter((v) => v === key).length }));
}

/** A district or organization's name as typed, made comparable ("SD 36 Surrey", "sd36 surrey" are one). */
export const sameOrganization = (name: string): string => name.normalize("NFKC").toLowerCase().replace(/school district|sd/g, "sd").replace(/[^\p{L}\p{N}]+/gu, "");
