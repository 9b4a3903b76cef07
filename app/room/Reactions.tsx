// Quick reactions: icon buttons with words, and the latest frames shown briefly.
import { Heart, HandHeart, Lightbulb, Smile, Sparkles, ThumbsUp } from "lucide-react";
import { reactionLabels, reactions, type Reaction } from "../../shared/room/state";
import type { RoomView } from "./useRoom";

const icons: Record<Reaction, typeof Heart> = { appreciate: Sparkles, care: Heart, thanks: HandHeart, smile: Smile, insight: Lightbulb, agree: ThumbsUp };

export function Reactions({ frames, onReact }: { frames: RoomView["reactions"]; onReact: (reaction: Reaction) => void }) {
  const totals = new Map<Reaction, number>();
  for (const frame of frames) for (const [reaction, n] of Object.entries(frame.counts) as [Reaction, number][]) totals.set(reaction, (totals.get(reaction) ?? 0) + n);
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Reactions">
      {reactions.map((reaction) => {
        const Icon = icons[reaction];
        const count = totals.get(reaction);
        return (
          <button
            key={reaction}
            type="button"
            onClick={() => onReact(reaction)}
            className="inline-flex items-center gap-1 rounded-full border border-stone-300 bg-white px-3 py-1 text-sm dark:border-stone-700 dark:bg-stone-900"
          >
            <Icon aria-hidden="true" className="size-4" />
            {reactionLabels[reaction]}
            {count ? <span className="rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-50">{count}</span> : null}
          </button>
        );
      })}
      <span className="sr-only" aria-live="polite">
        {[...totals].map(([reaction, n]) => `${n} ${reactionLabels[reaction]}`).join(", ")}
      </span>
    </div>
  );
}
