// The training quote against cases computed by hand, and each offering's rules in words.
import { describe, expect, it } from "vitest";
import { checkAsk, type TrainingAsk } from "../../shared/training/offerings";
import { formatCad, quote } from "../../shared/training/quote";

const ask = (over: Partial<TrainingAsk>): TrainingAsk => ({ offering: "introduction", hours: 12, participants: 40, facilitators: 1, prepHours: 0, ...over });

describe("the quote", () => {
  it.each<[string, Partial<TrainingAsk>, number]>([
    ["Introduction, 12 h, 2 facilitators: 2 × 2 days × $1,320", { hours: 12, facilitators: 2 }, 528_000],
    ["Introduction, 14 h, 1 facilitator: 2 × $1,320 + 2 × $220", { hours: 14, facilitators: 1 }, 308_000],
    ["Introduction, 12 h, 1 facilitator, prep 3 h: 2 × $1,320 + 3 × $220", { hours: 12, facilitators: 1, prepHours: 3 }, 330_000],
    ["Introduction, 20 h, 3 facilitators: 3 days × 3 × $1,320 + 2 h × 3 × $220", { hours: 20, facilitators: 3 }, 1_320_000],
    ["District Planning, 6 h, 1 facilitator: one day", { offering: "district-planning", hours: 6 }, 132_000],
    ["School-Based, 7.5 h, 2 facilitators: 2 × $1,320 + 1.5 h × 2 × $220", { offering: "school-based", hours: 7.5, facilitators: 2 }, 330_000],
    ["Early Learning, 3 h, 1 facilitator: 3 × $220", { offering: "early-learning", hours: 3 }, 66_000],
    ["Practicing (coaching), 10 h, 1 coach: 10 × $220, no day rate", { offering: "practicing", hours: 10 }, 220_000],
    ["Practicing, 1.5 h, 2 coaches: 3 × $220", { offering: "practicing", hours: 1.5, facilitators: 2 }, 66_000],
    ["Going Deeper × 12 participants: 12 × $1,400", { offering: "going-deeper", participants: 12, hours: 0 }, 1_680_000],
  ])("%s", (_case, over, cents) => {
    const a = ask(over);
    expect(checkAsk(a).problems).toEqual({});
    expect(quote(a).totalCents).toBe(cents);
  });

  it("itemizes, and lists what the district bears", () => {
    const q = quote(ask({ hours: 14, facilitators: 1, prepHours: 3 }));
    expect(q.lines.map((l) => [l.label, l.quantity, l.amountCents])).toEqual([
      ["Introduction to CSL: full days (6 hours) × 1 facilitator", 2, 264_000],
      ["Introduction to CSL: remaining hours × 1 facilitator", 2, 44_000],
      ["Preparation and follow-up coaching", 3, 66_000],
    ]);
    expect(q.borneByClient).toContain("Venue");
    expect(q.borneByClient).toContain("Educator replacement (release time)");
  });

  it("formats Canadian dollars for en-CA", () => {
    expect(formatCad(528_000)).toBe("$5,280.00");
    expect(formatCad(1_680_000)).toBe("$16,800.00");
  });
});

describe("the offerings' rules", () => {
  it("refuses hours outside an offering's rules, with the rule in words", () => {
    expect(checkAsk(ask({ hours: 10 })).problems.hours).toBe("Introduction to CSL: 12 to 20 hours, for up to 250 participants.");
    expect(checkAsk(ask({ hours: 21 })).problems.hours).toBe("Introduction to CSL: 12 to 20 hours, for up to 250 participants.");
    expect(checkAsk(ask({ offering: "district-planning", hours: 5 })).problems.hours).toBe("Using CSL for District Planning: At least 6 hours.");
    expect(checkAsk(ask({ offering: "early-learning", hours: 2.5 })).problems.hours).toBe("CSL in Early Learning: At least 3 hours; 6 are recommended.");
    expect(checkAsk(ask({ participants: 251 })).problems.participants).toBe("Introduction to CSL: 12 to 20 hours, for up to 250 participants.");
  });

  it("gives a notice, not a refusal, below Early Learning's recommended 6 hours", () => {
    expect(checkAsk(ask({ offering: "early-learning", hours: 4 }))).toEqual({ problems: {}, notices: ["CSL in Early Learning is possible in 4 hours; 6 are recommended."] });
  });

  it("refuses negative, fractional and absurd numbers", () => {
    expect(checkAsk(ask({ hours: -12 })).problems.hours).toMatch(/positive number/);
    expect(checkAsk(ask({ hours: 12.3 })).problems.hours).toMatch(/whole or half hours/);
    expect(checkAsk(ask({ hours: 1e9, offering: "practicing" })).problems.hours).toBe("At most 200 hours in one request.");
    expect(checkAsk(ask({ hours: Number.NaN })).problems.hours).toMatch(/positive number/);
    expect(checkAsk(ask({ participants: 12.5 })).problems.participants).toMatch(/whole number/);
    expect(checkAsk(ask({ participants: 1e9, offering: "school-based", hours: 6 })).problems.participants).toBe("At most 1000 participants in one request.");
    expect(checkAsk(ask({ facilitators: 0 })).problems.facilitators).toMatch(/whole number, 1 or more/);
    expect(checkAsk(ask({ facilitators: 1.5 })).problems.facilitators).toMatch(/whole number/);
    expect(checkAsk(ask({ prepHours: -1 })).problems.prepHours).toMatch(/0 or more/);
  });

  it("does not ask hours or facilitators of Going Deeper", () => {
    expect(checkAsk(ask({ offering: "going-deeper", hours: 0, facilitators: 0, participants: 12 })).problems).toEqual({});
  });
});
