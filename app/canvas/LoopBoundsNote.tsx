// Beside a list of loops: what the list leaves out, and how it was cut.
import { loopListNote, type LoopListBounds } from "../../shared/cld/loops";

export function LoopBoundsNote({ list }: { list: LoopListBounds }) {
  const notes = loopListNote(list);
  if (notes.length === 0) return null;
  return (
    <div data-loop-bounds className="mt-2 space-y-1 text-sm font-semibold text-amber-800 dark:text-amber-300">
      {notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </div>
  );
}
