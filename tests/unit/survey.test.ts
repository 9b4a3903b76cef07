import { describe, expect, it } from "vitest";
import { summarizeSurvey, surveyOpen, surveySchema } from "../../shared/mentorship/survey";

const day = 86_400_000;

describe("the end-of-cycle survey", () => {
  const ends = new Date("2027-06-30T00:00:00Z");

  it("opens two weeks before the cycle ends, when it closes, or when the pair ends; never for a pair that did not begin", () => {
    const cycle = { ends, closed: false };
    expect(surveyOpen({ status: "active" }, cycle, new Date(ends.getTime() - 15 * day))).toBe(false);
    expect(surveyOpen({ status: "active" }, cycle, new Date(ends.getTime() - 14 * day))).toBe(true);
    expect(surveyOpen({ status: "active" }, { ends, closed: true }, new Date("2027-01-01T00:00:00Z"))).toBe(true);
    expect(surveyOpen({ status: "ended" }, cycle, new Date("2027-01-01T00:00:00Z"))).toBe(true);
    for (const status of ["proposed", "requested", "declined"]) expect(surveyOpen({ status }, { ends, closed: true }, ends)).toBe(false);
  });

  it("asks for every statement from 1 to 5", () => {
    expect(surveySchema.safeParse({ self: "4", eachOther: "3", system: "5", recommend: "5" }).success).toBe(true);
    expect(surveySchema.safeParse({ self: "4", eachOther: "3", system: "5" }).success).toBe(false);
    expect(surveySchema.safeParse({ self: "0", eachOther: "3", system: "5", recommend: "5" }).success).toBe(false);
    expect(surveySchema.safeParse({ self: "2.5", eachOther: "3", system: "5", recommend: "5" }).success).toBe(false);
  });

  it("averages a group only from five respondents, so no one's answers can be read off", () => {
    const answer = (n: number) => ({ self: n, eachOther: n, system: n, recommend: n, comment: "" });
    expect(summarizeSurvey([answer(1), answer(5), answer(5), answer(5)], 5)).toEqual({ respondents: 4, averages: null });
    expect(summarizeSurvey([answer(1), answer(5), answer(5), answer(5), answer(4)], 5)).toEqual({ respondents: 5, averages: { self: 4, eachOther: 4, system: 4, recommend: 4 } });
  });
});
