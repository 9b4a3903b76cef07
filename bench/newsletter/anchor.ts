// The anchor of bench:newsletter: nodemailer's pooled SMTP transport (4 connections) sending the
// same newsletter to 10,000 recipients straight from memory: no database, no claims, no outbox.
import nodemailer from "nodemailer";
import { newsletterEmail } from "../../shared/network/newsletterContent";
import { renderMarkdown } from "../../shared/markdown";

const smtp = new URL(process.env.SMTP_URL!);
const recipients = Number(process.env.RECIPIENTS);
const transport = nodemailer.createTransport({ pool: true, maxConnections: 4, maxMessages: Infinity, host: smtp.hostname, port: Number(smtp.port), secure: false, ignoreTLS: true });
const markdown = "# News\n\nThree circles meet this month. **Join us.**\n\n- Early years\n- Systems thinking";
const bodyHtml = renderMarkdown(markdown);

process.once("message", async () => {
  await Promise.all(
    Array.from({ length: recipients }, (_, i) => {
      const { html, text } = newsletterEmail({ subject: "Across the province", bodyHtml, bodyMarkdown: markdown, webUrl: "http://127.0.0.1/newsletters/x", unsubscribeUrl: `http://127.0.0.1/unsubscribe/${i}`, sender: "news@csl-commons.local" });
      return transport.sendMail({ from: "CSL Commons <news@csl-commons.local>", to: `reader.${i}@district.example`, subject: "Across the province", html, text, headers: { "List-Unsubscribe": `<http://127.0.0.1/unsubscribe/${i}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } });
    }),
  );
  transport.close();
  process.exit(0);
});
process.send!("ready");
