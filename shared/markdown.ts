// Markdown the network writes (newsletters, events, resources, the public pages) made into safe
// HTML: markdown-it with raw HTML off, then sanitize-html, so no script, iframe, event handler,
// style or javascript: link survives, whatever was typed. Server-side only.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ["h1", "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "blockquote", "strong", "em", "code", "pre", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "s"],
  allowedAttributes: { a: ["href", "title"], img: ["src", "alt", "title", "width", "height"], th: ["align"], td: ["align"] },
  allowedSchemes: ["https", "http", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }) },
  // An image whose source was refused (not https) goes altogether.
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
};

/** Safe HTML: Markdown rendered, then everything but plain formatting removed. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), { ...allowed, allowedAttributes: { ...allowed.allowedAttributes, a: ["href", "title", "rel"] } });
}

