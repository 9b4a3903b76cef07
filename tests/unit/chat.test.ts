import { describe, expect, it } from "vitest";
import { linkSegments } from "../../shared/chat";

describe("chat links", () => {
  it("turns web addresses into links and leaves the rest as text", () => {
    expect(linkSegments("See https://example.org/a?b=1, then reply.")).toEqual([
      { text: "See " },
      { text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { text: ", then reply." },
    ]);
  });

  it("never links other schemes and keeps markup as text", () => {
    expect(linkSegments('javascript:alert(1) <a href="x">x</a>')).toEqual([{ text: 'javascript:alert(1) <a href="x">x</a>' }]);
    expect(linkSegments("")).toEqual([]);
  });
});

import { csvField } from "../../app/lib/csv";

describe("attendance CSV fields", () => {
  it("quotes, doubles quotes and keeps spreadsheet formulas from running", () => {
    expect(csvField('Ana "the" Ruiz')).toBe('"Ana ""the"" Ruiz"');
    expect(csvField("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(null)).toBe('""');
    expect(csvField(42)).toBe('"42"');
  });
});
