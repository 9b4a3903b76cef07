// Whether a contact may be sent newsletters, from their consent ledger alone (rows are never edited,
// only followed by newer ones). Canada's anti-spam law (CASL): express consent lasts until it is
// withdrawn; consent implied by membership or by attending an event lasts two years from that
// basis; an unsubscribe wins over every earlier consent, and after it only a new express consent
// (a confirmed sign-up) opens the way again.

export type ConsentKind = "express" | "implied-membership" | "implied-event" | "unsubscribe";

export interface LedgerRow {
  kind: ConsentKind;
  /** When it was given or withdrawn (ISO). */
  at: string;
}

export type ConsentState = { live: true; basis: "express"; since: string } | { live: true; basis: "implied"; since: string; expires: string } | { live: false; reason: "none" | "unsubscribed" | "expired"; since: string | null };

/** Implied consent lasts this long from its basis. */
export const impliedYears = 2;

const addYears = (iso: string, years: number) => {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
};

export function consentState(rows: readonly LedgerRow[], now: Date): ConsentState {
  const ordered = [...rows].filter((r) => Date.parse(r.at) <= now.getTime()).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lastOut = ordered.filter((r) => r.kind === "unsubscribe").at(-1);
  const after = ordered.filter((r) => r.kind !== "unsubscribe" && (!lastOut || r.at > lastOut.at));
  // After an unsubscribe, only express consent counts.
  const eligible = lastOut ? after.filter((r) => r.kind === "express") : after;
  const express = eligible.filter((r) => r.kind === "express").at(-1);
  if (express) return { live: true, basis: "express", since: express.at };
  const implied = eligible.filter((r) => r.kind === "implied-membership" || r.kind === "implied-event").at(-1);
  if (implied) {
    const expires = addYears(implied.at, impliedYears);
    if (Date.parse(expires) > now.getTime()) return { live: true, basis: "implied", since: implied.at, expires };
    return { live: false, reason: "expired", since: expires };
  }
  if (lastOut) return { live: false, reason: "unsubscribed", since: lastOut.at };
  return { live: false, reason: "none", since: null };
}

/** The words a coordinator confirms when recording consent someone gave them directly. */
export const staffConsentWording =
  "Recorded by a network coordinator: this person asked to receive the BC Compassionate Systems Leadership Network's newsletter, and may unsubscribe at any time.";

/** The words the public "Stay up to date" form shows beside its (never pre-checked) box. */
export const signUpWording =
  "Yes, send me the BC Compassionate Systems Leadership Network's newsletter: news of communities of practice, events and resources, a few times a year. I can unsubscribe at any time with the link in every newsletter.";
