import { describe, expect, it } from "vitest";
import { mentionedIn } from "../../shared/mentions";

const people = [
  { id: "lena", name: "Lena Fischer" },
  { id: "sam", name: "Sam Whitehorse" },
  { id: "sam2", name: "Sam Ortiz" },
  { id: "jose", name: "José Núñez" },
];

describe("mentions in a comment", () => {
  it("finds full names, and first names that only one person has", () => {
    expect(mentionedIn("Thanks @Lena, and @Sam Ortiz too", people).sort()).toEqual(["lena", "sam2"]);
    expect(mentionedIn("@sam whitehorse what do you think?", people)).toEqual(["sam"]);
    expect(mentionedIn("@José Núñez, merci", people)).toEqual(["jose"]);
  });

  it("does not guess between two people with one first name, nor match inside words or emails", () => {
    expect(mentionedIn("@Sam can you look", people)).toEqual([]);
    expect(mentionedIn("write to lena@school.example or @Lenaa", people)).toEqual([]);
  });
});
