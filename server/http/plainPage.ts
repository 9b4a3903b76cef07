// A minimal, self-contained page for answers given before the app can render (413, 500).
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function plainPage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} · CSL Commons</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}a{color:#3730a3}@media (prefers-color-scheme:dark){body{background:#111827;color:#f3f4f6}a{color:#c7d2fe}}</style></head><body><main><h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="/">Back to CSL Commons</a></p></main></body></html>`;
}
