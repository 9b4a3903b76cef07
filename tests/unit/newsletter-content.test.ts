// The newsletter's words as people read them: Markdown made harmless whatever was typed, the email's
// parts with their footer, and the unsubscribe links' signatures.
import { describe, expect, it } from "vitest";
import { newsletterEmail } from "../../shared/network/newsletterContent";
import { renderMarkdown } from "../../shared/markdown";
import { readUnsubscribeToken, unsubscribeToken } from "../../server/mail/unsubscribeTokens";

describe("a newsletter's body", () => {
  it("keeps plain formatting and links", () => {
    const html = renderMarkdown("## Circles\n\nThe **provincial** circle meets [online](https://csl.example.org/communities).\n\n- one\n- two\n\n> a quote");
    expect(html).toContain("<h2>Circles</h2>");
    expect(html).toContain("<strong>provincial</strong>");
    expect(html).toContain('<a href="https://csl.example.org/communities" rel="noopener noreferrer">online</a>');
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<blockquote>");
  });

  it.each([
    ["a script", "<script>alert(1)</script>", /<script/i],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["an event handler", "<img src=x onerror=alert(1)>", /<img[^>]*onerror/i],
    ["a javascript: link", "[click](javascript:alert(1))", /href="?javascript:/i],
    ["a javascript: link in capitals and entities", "[click](JaVaScRiPt&#58;alert(1))", /href="?javascript/i],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD4=)", /href="?data:/i],
    ["an image over plain http", "![x](http://tracker.example/pixel.gif)", /<img/i],
    ["an image with a data: source", "![x](data:image/png;base64,AAAA)", /<img/i],
    ["a style attribute", '<p style="position:fixed">x</p>', /<p[^>]*style=/i],
  ])("renders %s harmless", (_what, source, harmful) => {
    expect(renderMarkdown(source)).not.toMatch(harmful);
  });

  it("keeps images served over https, with their text", () => {
    expect(renderMarkdown("![The circle](https://csl.example.org/circle.png)")).toContain('<img src="https://csl.example.org/circle.png" alt="The circle" />');
  });
});

describe("a newsletter email", () => {
  const copy = { subject: "Spring <news>", bodyHtml: "<p>Hi</p>", bodyMarkdown: "Hi", webUrl: "https://csl.example.org/newsletters/abc", unsubscribeUrl: "https://csl.example.org/unsubscribe/t", sender: "news@csl.example.org" };

  it("has an HTML part with the subject escaped, the web version and the unsubscribe link", () => {
    const { html } = newsletterEmail(copy);
    expect(html).toContain("Spring &lt;news&gt;");
    expect(html).toContain('href="https://csl.example.org/newsletters/abc"');
    expect(html).toContain('href="https://csl.example.org/unsubscribe/t"');
    expect(html).toContain("(news@csl.example.org)");
  });

  it("has a plain-text part with the same words and links", () => {
    const { text } = newsletterEmail(copy);
    expect(text).toContain("Spring <news>\n=");
    expect(text).toContain("\nHi\n");
    expect(text).toContain("Unsubscribe: https://csl.example.org/unsubscribe/t");
    expect(text).toContain("Read it on the web: https://csl.example.org/newsletters/abc");
  });
});

describe("unsubscribe tokens", () => {
  const key = Buffer.alloc(32, 7);
  const otherKey = Buffer.alloc(32, 8);

  it("name the copy they were made for", () => {
    expect(readUnsubscribeToken(key, unsubscribeToken(key, "abcdefghijkmnpqr"))).toBe("abcdefghijkmnpqr");
  });

  it("refuse a changed copy, a changed signature, another key's token and nonsense", () => {
    const token = unsubscribeToken(key, "abcdefghijkmnpqr");
    expect(readUnsubscribeToken(key, token.replace("abcdefghijkmnpqr", "abcdefghijkmnpqs"))).toBeNull();
    expect(readUnsubscribeToken(key, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(readUnsubscribeToken(otherKey, token)).toBeNull();
    for (const nonsense of ["", "abc", `${"a".repeat(16)}.`, `${"a".repeat(16)}.${"A".repeat(44)}`]) expect(readUnsubscribeToken(key, nonsense)).toBeNull();
  });
});
