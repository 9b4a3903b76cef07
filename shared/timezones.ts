// Time-zone rules (UTC offsets, their changes and abbreviations) from the IANA database as
// moment-timezone ships it, never from the runtime's ICU: Node 20 still carries tzdata 2025c,
// which has British Columbia falling back to UTC−8 in November 2026 (see decision 0011).
// The runtime's Intl is used for words and numbers only; every offset comes from here.
import momentTimezone from "moment-timezone";
import { IANAZone, Zone } from "luxon";

/** The rules of one zone: offsets in minutes east of UTC, as the tz database gives them. */
export interface ZoneRules {
  readonly name: string;
  offsetMinutes(instantMs: number): number;
  abbreviation(instantMs: number): string;
  /** The instants (ms) at which the offset changes, with the offset from then on, in [from, to). */
  transitions(fromMs: number, toMs: number): Array<[number, number]>;
}

export interface ZoneDatabase {
  /** The IANA release, e.g. "2026f". */
  readonly version: string;
  zone(name: string): ZoneRules | null;
}

/** moment-timezone's packed form: `{ version, zones: ["Name|abbrs|offsets|indices|untils|pop"], links: ["A|B"] }`. */
export interface PackedZoneData {
  version: string;
  zones: string[];
  links?: string[];
}

interface MomentZone {
  name: string;
  abbrs: string[];
  offsets: number[];
  untils: number[];
}
const MomentZoneFrom = momentTimezone.tz.Zone as unknown as new (packed: string) => MomentZone;

function rulesOf(zone: MomentZone, name: string): ZoneRules {
  const { untils, offsets, abbrs } = zone;
  // The first period whose end lies after the instant (the last one never ends).
  const index = (ms: number) => {
    let lo = 0;
    let hi = untils.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (untils[mid] > ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    name,
    // moment-timezone counts minutes west of UTC, as POSIX TZ strings do.
    offsetMinutes: (ms) => -offsets[index(ms)] || 0,
    abbreviation: (ms) => abbrs[index(ms)],
    transitions(fromMs, toMs) {
      const changes: Array<[number, number]> = [];
      for (let i = 0; i < untils.length - 1; i++) {
        const at = untils[i];
        if (at >= fromMs && at < toMs && offsets[i + 1] !== offsets[i]) changes.push([at, -offsets[i + 1] || 0]);
      }
      return changes;
    },
  };
}

/** A database from packed data: the shipped one, one an operator supplies, or a test's older release. */
export function packedZoneDatabase(data: PackedZoneData): ZoneDatabase {
  const packed = new Map<string, string>();
  for (const line of data.zones) packed.set(line.slice(0, line.indexOf("|")).toLowerCase(), line);
  const aliases = new Map<string, string>();
  for (const link of data.links ?? []) {
    const [target, alias] = link.split("|");
    aliases.set(alias.toLowerCase(), target.toLowerCase());
  }
  const built = new Map<string, ZoneRules>();
  return {
    version: data.version,
    zone(name) {
      const key = name.toLowerCase();
      const cached = built.get(key);
      if (cached) return cached;
      const line = packed.get(key) ?? packed.get(aliases.get(key) ?? "");
      if (!line) return null;
      const rules = rulesOf(new MomentZoneFrom(line), name);
      built.set(key, rules);
      return rules;
    },
  };
}

/** The database shipped with the platform: moment-timezone's data, which follows IANA releases. */
const shipped: ZoneDatabase = {
  version: momentTimezone.tz.dataVersion,
  zone(name) {
    const zone = momentTimezone.tz.zone(name);
    return zone ? rulesOf(zone, zone.name) : null;
  },
};

// The server code run by tsx and the React Router build each hold a copy of this module; the
// database in use is kept on the process so that both see the same one.
const slot = Symbol.for("csl-commons.zoneDatabase");
type Holder = { [slot]?: ZoneDatabase };

/** The zone database in use in this process. */
export function zoneDatabase(): ZoneDatabase {
  return (globalThis as Holder)[slot] ?? shipped;
}

/** Replaces the zone database for this process (an operator's newer release, or a test's older one). */
export function useZoneDatabase(database: ZoneDatabase | null): void {
  (globalThis as Holder)[slot] = database ?? shipped;
}

export function isKnownZone(name: string): boolean {
  return zoneDatabase().zone(name) !== null;
}

/** Luxon's view of a zone, with every offset taken from the zone database. */
class DatabaseZone extends Zone {
  constructor(private readonly rules: ZoneRules, private readonly version: string) {
    super();
  }
  override get type() {
    return "tzdb";
  }
  override get name() {
    return this.rules.name;
  }
  override get isUniversal() {
    return false;
  }
  override get isValid() {
    return true;
  }
  override offsetName(ts: number) {
    return this.rules.abbreviation(ts);
  }
  override formatOffset(ts: number, format: "narrow" | "short" | "techie") {
    const minutes = this.offset(ts);
    const sign = minutes < 0 ? "-" : "+";
    const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
    const rest = String(Math.abs(minutes) % 60).padStart(2, "0");
    if (format === "narrow") return `${sign}${Number(hours)}${rest === "00" ? "" : `:${rest}`}`;
    return format === "techie" ? `${sign}${hours}${rest}` : `${sign}${hours}:${rest}`;
  }
  override offset(ts: number) {
    return this.rules.offsetMinutes(ts);
  }
  override equals(other: Zone) {
    return other instanceof DatabaseZone && other.name === this.name && other.version === this.version;
  }
}

/** Luxon's view of rules that are not (or no longer) the database in use. */
export function luxonZoneOf(rules: ZoneRules, version: string): Zone {
  return new DatabaseZone(rules, version);
}

/**
 * What a set of rules says over a stretch of time, small enough to store: the offset at `from`
 * and every change until `to`. Kept per zone so that a later release can be compared with the
 * one every published meeting time was computed with.
 */
export interface ZoneSnapshot {
  from: number;
  to: number;
  offset: number;
  transitions: Array<[number, number]>;
}

export function snapshotOf(rules: ZoneRules, from: number, to: number): ZoneSnapshot {
  return { from, to, offset: rules.offsetMinutes(from), transitions: rules.transitions(from, to) };
}

/** Rules that answer from a snapshot (outside its stretch, with its first or last offset). */
export function rulesFromSnapshot(name: string, snapshot: ZoneSnapshot): ZoneRules {
  const offsetMinutes = (ms: number) => {
    let offset = snapshot.offset;
    for (const [at, next] of snapshot.transitions) {
      if (at > ms) break;
      offset = next;
    }
    return offset;
  };
  return {
    name,
    offsetMinutes,
    abbreviation: (ms) => `UTC${offsetMinutes(ms) < 0 ? "-" : "+"}${Math.abs(offsetMinutes(ms) / 60)}`,
    transitions: (fromMs, toMs) => snapshot.transitions.filter(([at]) => at >= fromMs && at < toMs),
  };
}

/**
 * The runtime's own ICU rules, which the platform used before decision 0011. Read only to
 * learn which published meeting times a newer database moves; never to place a meeting.
 */
export function runtimeZoneRules(name: string): ZoneRules | null {
  const zone = IANAZone.create(name);
  if (!zone.isValid) return null;
  const offsetMinutes = (ms: number) => zone.offset(ms);
  const step = 6 * 60 * 60_000;
  return {
    name,
    offsetMinutes,
    abbreviation: (ms) => zone.offsetName(ms, { format: "short", locale: "en-US" }) ?? name,
    transitions(fromMs, toMs) {
      const changes: Array<[number, number]> = [];
      for (let at = fromMs; at < toMs; at += step) {
        const before = offsetMinutes(at);
        const after = offsetMinutes(Math.min(at + step, toMs));
        if (before === after) continue;
        // Bisect to the millisecond at which the offset changes.
        let lo = at;
        let hi = Math.min(at + step, toMs);
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offsetMinutes(mid) === before) lo = mid;
          else hi = mid;
        }
        changes.push([hi, after]);
      }
      return changes;
    },
  };
}

const luxonZones = new WeakMap<ZoneDatabase, Map<string, DatabaseZone>>();

/** The zone for Luxon's `setZone` and `{ zone }` options; throws for a zone the database lacks. */
export function luxonZone(name: string): Zone {
  const database = zoneDatabase();
  let zones = luxonZones.get(database);
  if (!zones) luxonZones.set(database, (zones = new Map()));
  let zone = zones.get(name);
  if (!zone) {
    const rules = database.zone(name);
    if (!rules) throw new Error(`Unknown time zone ${name}`);
    zones.set(name, (zone = new DatabaseZone(rules, database.version)));
  }
  return zone;
}

/**
 * The zone's name as a reader there says it: British Columbia keeps "Pacific Time" since it
 * stopped changing clocks (the tz database writes "MST" for it); other zones keep their usual
 * abbreviation, and a zone whose database name is only an offset reads "UTC+03".
 */
export function zoneLabel(name: string, instant: Date | number): string {
  if (name === "America/Vancouver") return "Pacific Time";
  const abbreviation = zoneDatabase().zone(name)?.abbreviation(+instant) ?? name;
  return /^[+-]\d/.test(abbreviation) ? `UTC${abbreviation.replace("-", "−")}` : abbreviation;
}
