// A newsletter as people read it: the coordinator's Markdown made safe (shared/markdown.ts) and put
// into an email-safe page (tables and inline styles, as mail programs need), with a
// plain-text part and the footer every copy carries: why it came, the web version and the link
// that unsubscribes at once. Server-side only (the preview is rendered by the server too).
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface NewsletterCopy {
  subject: string;
  /** From renderMarkdown. */
  bodyHtml: string;
  bodyMarkdown: string;
  /** The web version in the public archive (absolute). */
  webUrl: string;
  /** The page that unsubscribes this recipient (absolute). */
  unsubscribeUrl: string;
  /** Who sends it and how to reach them (CASL asks the sender to be named with a way to reply). */
  sender: string;
}

const networkName = "BC Compassionate Systems Leadership Network";

/** The email's HTML and plain-text parts for one recipient. */
export function newsletterEmail(copy: NewsletterCopy): { html: string; text: string } {
  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}" style="color:#1f5f5b">${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(copy.subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f3ef">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f3ef"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1c1917;font-size:16px;line-height:1.55">
<tr><td style="padding:20px 28px;border-bottom:3px solid #1f5f5b;font-size:14px;color:#44403c">${networkName}</td></tr>
<tr><td style="padding:24px 28px"><h1 style="margin:0 0 16px;font-size:24px;line-height:1.25">${escapeHtml(copy.subject)}</h1>
${copy.bodyHtml}
</td></tr>
<tr><td style="padding:16px 28px 24px;border-top:1px solid #e7e5e4;font-size:13px;color:#57534e">
You receive this newsletter from the ${networkName} (${escapeHtml(copy.sender)}) because you agreed to hear from the network, or are a member of it.
${link(copy.webUrl, "Read it on the web")} · ${link(copy.unsubscribeUrl, "Unsubscribe")}
</td></tr>
</table></td></tr></table>
</body></html>`;
  const text = `${copy.subject}\n${"=".repeat(Math.min(copy.subject.length, 72))}\n\n${copy.bodyMarkdown.trim()}\n\n-- \nYou receive this newsletter from the ${networkName} (${copy.sender}) because you agreed to hear from the network, or are a member of it.\nRead it on the web: ${copy.webUrl}\nUnsubscribe: ${copy.unsubscribeUrl}\n`;
  return { html, text };
}
