import { describe, expect, it } from "vitest";
import { fts5Query, highlightSegments, markEnd, markStart, parseTags, plainText, searchTerms, stripMarks, tsQuery } from "../../shared/resources/library";
import { countBy, sameOrganization, schoolYearOf } from "../../shared/training/dashboard";

describe("the resources library's words", () => {
  it("reads tags as typed into lower-case hyphenated words, once each, at most 12", () => {
    expect(parseTags("Deep listening, check-in;  Systems Thinking\nsystems thinking, ,")).toEqual(["deep-listening", "check-in", "systems-thinking"]);
    expect(parseTags(Array.from({ length: 20 }, (_, i) => `t${i}`).join(","))).toHaveLength(12);
  });

  it("reads a search box as words only, so no engine's query syntax gets through", () => {
    expect(searchTerms(`listening" OR title:* NEAR(x) -y 'z'`)).toEqual(["listening", "or", "title", "near", "x", "y", "z"]);
    expect(searchTerms("Écoute profonde")).toEqual(["écoute", "profonde"]);
    expect(fts5Query(["deep", "listen"])).toBe(`"deep"* "listen"*`);
    expect(tsQuery(["deep", "listen"])).toBe("deep:* & listen:*");
    expect(searchTerms("  ** ")).toEqual([]);
  });

  it("splits an engine's marked text into runs, and typed text never carries the marks", () => {
    expect(highlightSegments(`Deep ${markStart}listening${markEnd} and ${markStart}listen${markEnd}`)).toEqual([
      { text: "Deep ", match: false },
      { text: "listening", match: true },
      { text: " and ", match: false },
      { text: "listen", match: true },
    ]);
    expect(stripMarks(`a${markStart}b${markEnd}c\td\ne`)).toBe("abc\td\ne");
  });

  it("reduces Markdown to its words for an excerpt", () => {
    expect(plainText("## Agreements\n\n- Speak **from the heart**\n- [Listen](https://x.example) ![img](https://x.example/a.png)")).toBe("Agreements Speak from the heart Listen");
  });
});

describe("the dashboard's school year", () => {
  it("runs September to August in Pacific Time", () => {
    // 1 a.m. UTC on 1 September is still 31 August in BC: the year before.
    expect(schoolYearOf(new Date("2026-09-01T01:00:00Z")).label).toBe("2025–26");
    expect(schoolYearOf(new Date("2026-09-01T08:00:00Z")).label).toBe("2026–27");
    const year = schoolYearOf(new Date("2027-03-15T12:00:00Z"));
    expect(year.label).toBe("2026–27");
    // Permanent Pacific Time (UTC−7) from November 2026: the start of September 2026 was still PDT, also UTC−7.
    expect(year.startIso).toBe("2026-09-01T07:00:00.000Z");
    expect(year.months.map((m) => m.label)).toEqual(["Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"]);
    expect(year.months[11].endIso).toBe(year.endIso);
  });

  it("counts by key with zeros, and compares organizations as typed", () => {
    expect(countBy(["a", "b", "c"] as const, ["a", "c", "a"])).toEqual([{ key: "a", n: 2 }, { key: "b", n: 0 }, { key: "c", n: 1 }]);
    expect(sameOrganization("SD 36 Surrey")).toBe(sameOrganization("sd36  surrey"));
    expect(sameOrganization("School District 36 Surrey")).toBe(sameOrganization("SD 36 Surrey"));
  });
});
