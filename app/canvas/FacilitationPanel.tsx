// The facilitator's tools beside the map: present it step by step to everyone, play with it
// (nudge a variable, watch the signal travel) and save a picture of what is on screen.
import type { Variable } from "../../shared/cld/model";
import type { usePlay } from "./usePlay";

const panel = "rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900";
const button = "rounded-md border border-stone-400 bg-white px-2 py-1 text-sm font-semibold disabled:opacity-50 dark:border-stone-600 dark:bg-stone-950";

export function FacilitationPanel({
  facilitator,
  presenting,
  steps,
  onPresent,
  selectedVariable,
  player,
  onSaveImage,
}: {
  facilitator: boolean;
  presenting: { step: number; by: string } | null;
  steps: number;
  onPresent: (step: number | null) => void;
  selectedVariable: Variable | null;
  player: ReturnType<typeof usePlay>;
  onSaveImage: (kind: "png" | "svg") => void;
}) {
  const step = presenting ? Math.min(presenting.step, Math.max(0, steps - 1)) : 0;
  return (
    <section aria-labelledby="facilitate-heading" className={panel}>
      <h2 id="facilitate-heading" className="mb-2 font-semibold">
        Present, play and save
      </h2>
      {facilitator ? (
        <div className="mb-3 flex flex-wrap items-center gap-2">
          {presenting ? (
            <>
              <button type="button" className={button} disabled={step === 0} onClick={() => onPresent(step - 1)}>
                Previous step
              </button>
              <button type="button" className={button} disabled={step >= steps - 1} onClick={() => onPresent(step + 1)}>
                Next step
              </button>
              <button type="button" className={button} onClick={() => onPresent(null)}>
                Stop presenting
              </button>
            </>
          ) : (
            <button type="button" className={button} disabled={steps === 0} onClick={() => onPresent(0)}>
              Present step by step
            </button>
          )}
        </div>
      ) : null}
      <div className="mb-3 text-sm">
        {selectedVariable ? (
          <div className="flex flex-wrap items-center gap-2">
            <span className="w-full">Play: nudge {selectedVariable.label}</span>
            <button type="button" className={button} onClick={() => player.nudge(selectedVariable.id, 1)}>
              ▲ Up
            </button>
            <button type="button" className={button} onClick={() => player.nudge(selectedVariable.id, -1)}>
              ▼ Down
            </button>
            {player.playing ? (
              <button type="button" className={button} onClick={player.stop}>
                Stop
              </button>
            ) : null}
          </div>
        ) : (
          <p className="text-stone-700 dark:text-stone-300">Play: select a variable, then nudge it up or down to watch the change travel round the loops: everyone on the map watches it with you.</p>
        )}
        {player.playing ? (
          <p role="status" className="mt-1">
            Step {player.step} of {player.lastStep}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={button} onClick={() => onSaveImage("png")}>
          Save as PNG
        </button>
        <button type="button" className={button} onClick={() => onSaveImage("svg")}>
          Save as SVG
        </button>
      </div>
    </section>
  );
}
