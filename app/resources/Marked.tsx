// Text with a search's matches marked by the database (see shared/resources/library.ts), shown
// with <mark>; the text itself is rendered as text, never as HTML.
import { highlightSegments, plainText } from "../../shared/resources/library";

export function Marked({ text, markdown = false }: { text: string; markdown?: boolean }) {
  return (
    <>
      {highlightSegments(markdown ? plainText(text) : text).map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-stone-950 dark:bg-amber-300">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
