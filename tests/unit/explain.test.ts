import { describe, expect, it } from "vitest";
import { toReader } from "../../shared/mentorship/explain";

describe("an explanation written to its reader", () => {
  it("says 'you' and the partner's name instead of 'the mentor' and 'the mentee'", () => {
    const text = "the mentor's strength in systems thinking matches the mentee's goal; reflection, the rest of the mentee's focus, is not among the mentor's strengths";
    expect(toReader(text, "mentee", "Aiyana")).toBe("Aiyana's strength in systems thinking matches your goal; reflection, the rest of your focus, is not among Aiyana's strengths");
    expect(toReader(text, "mentor", "Sam")).toBe("Your strength in systems thinking matches Sam's goal; reflection, the rest of Sam's focus, is not among your strengths");
  });

  it("speaks of both as 'you both', and of experience from each side", () => {
    expect(toReader("both work in K–12 schools", "mentee", "Aiyana")).toBe("You both work in K–12 schools");
    expect(toReader("both are free weekday evenings", "mentor", "Sam")).toBe("You are both free weekday evenings");
    expect(toReader("the mentor has 6 more years of CSL practice", "mentee", "Aiyana")).toBe("Aiyana has 6 more years of CSL practice than you");
    expect(toReader("the mentor has 6 more years of CSL practice", "mentor", "Sam")).toBe("You have 6 more years of CSL practice");
    expect(toReader("the mentee asked for this mentor", "mentor", "Sam")).toBe("Sam asked for you");
  });

  it("speaks of a multiple-choice answer to each of the two", () => {
    expect(toReader("both answered “A walk” to “How would you like to meet?”", "mentee", "Aiyana")).toBe("You both answered “A walk” to “How would you like to meet?”");
    expect(toReader("they answered “How would you like to meet?” differently (the mentor “A walk”, the mentee “A call”)", "mentor", "Sam")).toBe("You answered “How would you like to meet?” differently (you “A walk”, Sam “A call”)");
  });
});
