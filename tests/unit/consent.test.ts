import { describe, expect, it } from "vitest";
import { consentState } from "../../shared/network/consent";

const now = new Date("2026-12-01T12:00:00Z");

describe("a contact's consent, from the ledger", () => {
  it("has none without a row", () => {
    expect(consentState([], now)).toEqual({ live: false, reason: "none", since: null });
  });

  it("keeps express consent until it is withdrawn", () => {
    expect(consentState([{ kind: "express", at: "2019-03-01T00:00:00Z" }], now)).toEqual({ live: true, basis: "express", since: "2019-03-01T00:00:00Z" });
  });

  it("lets implied consent lapse two years after its basis, and a newer basis renews it", () => {
    const event = { kind: "implied-event" as const, at: "2024-11-30T12:00:00Z" };
    expect(consentState([event], now)).toEqual({ live: false, reason: "expired", since: "2026-11-30T12:00:00.000Z" });
    expect(consentState([event], new Date("2026-11-29T00:00:00Z"))).toMatchObject({ live: true, basis: "implied", expires: "2026-11-30T12:00:00.000Z" });
    expect(consentState([event, { kind: "implied-membership", at: "2025-06-01T00:00:00Z" }], now)).toMatchObject({ live: true, basis: "implied", expires: "2027-06-01T00:00:00.000Z" });
  });

  it("a later unsubscribe wins over every earlier consent; after it only a new express consent counts", () => {
    const rows = [
      { kind: "express" as const, at: "2025-01-01T00:00:00Z" },
      { kind: "implied-membership" as const, at: "2025-02-01T00:00:00Z" },
      { kind: "unsubscribe" as const, at: "2025-03-01T00:00:00Z" },
    ];
    expect(consentState(rows, now)).toEqual({ live: false, reason: "unsubscribed", since: "2025-03-01T00:00:00Z" });
    expect(consentState([...rows, { kind: "implied-event", at: "2025-04-01T00:00:00Z" }], now)).toMatchObject({ live: false, reason: "unsubscribed" });
    expect(consentState([...rows, { kind: "express", at: "2025-05-01T00:00:00Z" }], now)).toMatchObject({ live: true, basis: "express", since: "2025-05-01T00:00:00Z" });
  });

  it("ignores rows dated after the moment asked about, in any order given", () => {
    const rows = [
      { kind: "unsubscribe" as const, at: "2027-01-01T00:00:00Z" },
      { kind: "express" as const, at: "2026-01-01T00:00:00Z" },
    ];
    expect(consentState(rows, now)).toMatchObject({ live: true, basis: "express" });
    expect(consentState(rows, new Date("2027-02-01T00:00:00Z"))).toMatchObject({ live: false, reason: "unsubscribed" });
  });
});
