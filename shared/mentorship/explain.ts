// A pair's explanation, written to the person reading it: the coordinator reads it as the
// matcher writes it ("the mentor…", "the mentee…"); each of the two reads "you" and their
// partner's name. Pure.

export type Reader = "mentor" | "mentee";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One part of an explanation, said to the mentor or the mentee of the pair. */
export function toReader(text: string, reader: Reader, partner: string): string {
  const me = reader;
  const other = reader === "mentor" ? "mentee" : "mentor";
  let out = text
    .replace(/^both work in /, "you both work in ")
    .replace(/^both are in /, "you are both in ")
    .replace(/^both are free /, "you are both free ")
    .replace(/^both answered /, "you both answered ")
    .replace(/^they answered /, "you answered ")
    .replace(/^they work in different sectors/, "you work in different sectors")
    .replace(/^they are in different regions/, "you are in different regions");
  if (me === "mentee") {
    out = out
      .replace(/^the mentor has (.*) more (years?) of CSL practice/, `${partner} has $1 more $2 of CSL practice than you`)
      .replace(/^the mentor has no more years of CSL practice than the mentee/, `${partner} has no more years of CSL practice than you`)
      .replace(/^the mentee asked for this mentor/, `you asked for ${partner}`)
      .replace(/^the mentee has no district preference/, "you had no district preference")
      .replace(/^the mentee wanted/, "you wanted");
  } else {
    out = out
      .replace(/^the mentor has (.*) more (years?) of CSL practice/, "you have $1 more $2 of CSL practice")
      .replace(/^the mentor has no more years of CSL practice than the mentee/, `you have no more years of CSL practice than ${partner}`)
      .replace(/^the mentee asked for this mentor/, `${partner} asked for you`)
      .replace(/^the mentee has no district preference/, `${partner} had no district preference`)
      .replace(/^the mentee wanted/, `${partner} wanted`);
  }
  out = out
    .replace(new RegExp(`the ${me}'s`, "g"), "your")
    .replace(new RegExp(`the ${other}'s`, "g"), `${partner}'s`)
    .replace(new RegExp(`\\bthe ${me}\\b`, "g"), "you")
    .replace(new RegExp(`\\bthe ${other}\\b`, "g"), partner);
  return capitalize(out);
}
