import { describe, expect, it } from "vitest";
import { guessMapping, readRows } from "../../shared/network/contactImport";
import { decodeSpreadsheet } from "../../shared/network/decodeSpreadsheet";

describe("reading a spreadsheet of contacts", () => {
  it("reads UTF-8, UTF-8 with a byte-order mark, and Windows-1252 as Excel saves it", () => {
    const text = "Name,Email\nAndré Côté,andre@sd36.example\n";
    expect(decodeSpreadsheet(new TextEncoder().encode(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeSpreadsheet(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: "utf-8" });
    // "André Côté" in Windows-1252: é is 0xE9, ô is 0xF4 (not valid UTF-8 on their own).
    const cp1252 = new Uint8Array([...new TextEncoder().encode("Name,Email\nAndr"), 0xe9, 0x20, 0x43, 0xf4, 0x74, 0xe9, ...new TextEncoder().encode(",andre@sd36.example\n")]);
    expect(decodeSpreadsheet(cp1252)).toEqual({ text, encoding: "windows-1252" });
  });

  it("guesses the columns from the header", () => {
    expect(guessMapping(["Full name", "E-mail", "District", "Job title", "Notes"])).toEqual({ name: 0, email: 1, organization: 2, role: 3, notes: 4 });
  });

  it("reports every problem by row and column, and reads the rows that are sound", () => {
    const header = ["Name", "Email", "Organization", "Tags"];
    const rows = [
      ["Priya Sandhu", " Priya@Surrey.example ", "SD 36 Surrey", "sey2kt; early years"],
      ["", "nobody@school.example", "", ""],
      ["Jordan Lee", "not an email", "", ""],
      ["P. Sandhu", "priya@surrey.example", "", ""],
      ["Ana Ruiz", "ana@school.example", "Nowhere School", ""],
      ["", "", "", ""],
    ];
    const { contacts, problems } = readRows(header, rows, guessMapping(header), new Set(["sd 36 surrey"]));
    expect(contacts).toEqual([{ row: 2, name: "Priya Sandhu", email: "priya@surrey.example", organization: "SD 36 Surrey", role: null, region: null, tags: ["sey2kt", "early years"], notes: null }]);
    expect(problems).toEqual([
      { row: 3, column: "Name", problem: "No name." },
      { row: 4, column: "Email", problem: "“not an email” is not an email address." },
      { row: 5, column: "Email", problem: "The same email as row 2." },
      { row: 6, column: "Organization", problem: "No organization called “Nowhere School” (add it first, or leave the cell empty)." },
    ]);
  });

  it("asks for the name and email columns before reading anything", () => {
    expect(readRows(["A", "B"], [["x", "y"]], {}, new Set()).problems.map((p) => p.problem)).toEqual(["Choose the column that holds the name (or the first and last names).", "Choose the column that holds the email."]);
  });
});

describe("spreadsheets saved by the tools people use", () => {
  it("reads a Mailchimp audience export: first and last names joined, quoted tags, the rest of its columns left aside", async () => {
    const { readFileSync } = await import("node:fs");
    const { readSpreadsheet } = await import("../../shared/network/spreadsheet");
    const { text, encoding } = decodeSpreadsheet(readFileSync("tests/fixtures/contacts/mailchimp-subscribed-members.csv"));
    expect(encoding).toBe("utf-8");
    const reading = readSpreadsheet(text, null, []);
    expect(reading.mapping).toMatchObject({ firstName: 1, lastName: 2, email: 0, notes: 21, tags: 22 });
    expect(reading.problems).toEqual([]);
    expect(reading.contacts.map((c) => [c.name, c.email, c.tags])).toEqual([
      ["Aroha Ngata", "aroha.ngata@sd61.example", ["Summer Institute 2025", "SEY2KT"]],
      ["Jean-François Bélanger", "jean-francois.belanger@csf.example", ["Summer Institute 2025"]],
      ["Wei Chen", "wei.chen@sd38.example", []],
    ]);
    expect(reading.contacts[0].notes).toBe("Met at the Summer Institute");
  });

  it("reads a file Excel saved as Windows-1252, accents and dashes intact", async () => {
    const { readFileSync } = await import("node:fs");
    const { readSpreadsheet } = await import("../../shared/network/spreadsheet");
    const { text, encoding } = decodeSpreadsheet(readFileSync("tests/fixtures/contacts/excel-windows-1252.csv"));
    expect(encoding).toBe("windows-1252");
    const reading = readSpreadsheet(text, null, ["SD 36 Surrey", "SD 39 Vancouver"]);
    expect(reading.problems).toEqual([]);
    expect(reading.contacts.map((c) => [c.name, c.organization, c.role, c.notes])).toEqual([
      ["André Côté", "SD 36 Surrey", "Conseiller pédagogique", "Café chat – Thursdays"],
      ["Zoë Brontë", "SD 39 Vancouver", "Vice-principal", null],
    ]);
  });

  it("says where a broken file stops being readable, and reads nothing", async () => {
    const { readSpreadsheet } = await import("../../shared/network/spreadsheet");
    const reading = readSpreadsheet('Name,Email\nA,"a@x.example\nB,b@x.example\n', null, []);
    expect(reading.contacts).toEqual([]);
    expect(reading.problemCount).toBe(1);
    expect(reading.problems[0].problem).toMatch(/^The file is not a CSV spreadsheet this can read/);
  });
});
