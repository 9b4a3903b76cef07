// The live room: the current phase and time left at the top, the circle with the talking piece,
// hands and chat at the side, and the facilitator's bar for facilitators only.
import { Hand, Video } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { holder } from "../../shared/room/round";
import { announcements, type Moment } from "../../shared/room/announce";
import { groupOf, type PresenceStatus } from "../../shared/room/state";
import { remainingMs } from "../../shared/room/timer";
import { ChatPanel } from "./ChatPanel";
import { Circle } from "./Circle";
import { FacilitatorBar } from "./FacilitatorBar";
import { MindfulPause } from "../practice/MindfulPause";
import { Reactions } from "./Reactions";
import { formatClock, useRoom, useServerNow } from "./useRoom";

export function RoomView({ seriesId, meetingKey, summaryHref }: { seriesId: string; meetingKey: string; summaryHref: string }) {
  const { view, connection, problem, offsetMs, send } = useRoom({ seriesId, key: meetingKey });
  const now = useServerNow(offsetMs);
  const [error, setError] = useState<string | null>(null);
  const [soundOn, setSoundOn] = useState(false);
  const [visiting, setVisiting] = useState<string | null>(null);
  const { snapshot, state, people, chat } = view;

  const timerEnded = Boolean(state && state.timer.endsAt !== null && remainingMs(state.timer, now) === 0);
  useTimerChime(timerEnded, soundOn);
  const announcement = useAnnouncer(view, timerEnded);

  if (!snapshot || !state) {
    return (
      <div className="py-16 text-center" role="status">
        <p className="text-lg">{connection === "refused" ? problem : "Joining the circle…"}</p>
        {connection === "refused" ? (
          <p className="mt-4">
            <Link to="/">Back to your home page</Link>
          </p>
        ) : null}
      </div>
    );
  }

  const me = snapshot.me;
  const nameOf = (id: string) => people.find((p) => p.userId === id)?.name ?? "Someone who left";
  const phase = state.phaseIndex !== null ? snapshot.agenda[state.phaseIndex] : null;
  const phaseLeft = phase && state.phaseStartedAt !== null ? phase.minutes * 60_000 - (now - state.phaseStartedAt) : null;
  const timerLeft = remainingMs(state.timer, now);
  const timerShown = state.timer.durationMs > 0;
  const myGroup = groupOf(state, me.userId);
  const circlePeople = myGroup && !me.facilitator ? people.filter((p) => myGroup.members.includes(p.userId)) : people;
  const round = myGroup && !me.facilitator ? myGroup.round : state.round;
  const groupId = myGroup && !me.facilitator ? myGroup.id : undefined;
  const iHold = round ? holder(round) === me.userId : false;
  const handRaised = state.hands.queue.includes(me.userId);
  const myStatus = people.find((p) => p.userId === me.userId)?.status;
  const visitingGroup = me.facilitator ? (state.breakouts?.groups.find((g) => g.id === visiting) ?? null) : null;
  const act = async (promise: Promise<{ ok: boolean; error?: string }>) => {
    const reply = await promise;
    setError(reply.ok ? null : (reply.error ?? "That did not work."));
  };

  return (
    <div className="space-y-4">
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="room-announcer">
        {announcement}
      </div>
      <header className="flex flex-wrap items-center justify-between gap-4 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900">
        <div>
          <p className="text-sm text-stone-700 dark:text-stone-300">
            {snapshot.communityName} · {snapshot.title}
          </p>
          <h1 className="text-2xl font-semibold">{state.endedAt ? "The session has ended" : phase ? phase.title : "Gathering"}</h1>
          {phaseLeft !== null && !state.endedAt ? (
            <p className={`text-sm ${phaseLeft < 0 ? "font-semibold text-amber-800 dark:text-amber-300" : "text-stone-700 dark:text-stone-300"}`}>
              {phaseLeft >= 0 ? `${formatClock(phaseLeft)} left in this phase` : `${formatClock(-phaseLeft)} over the planned time`}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {timerShown ? (
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={soundOn} onChange={(e) => setSoundOn(e.target.checked)} className="size-4" />
              Sound at the end
            </label>
          ) : null}
          {timerShown && !state.endedAt ? (
            <p role="timer" aria-label="Shared timer" className={`rounded-lg px-4 py-2 font-mono text-3xl tabular-nums ${timerLeft === 0 ? "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-50" : "bg-stone-100 dark:bg-stone-800"}`}>
              {formatClock(timerLeft)}
            </p>
          ) : null}
          {snapshot.videoUrl ? (
            <a href={snapshot.videoUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-2 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white no-underline hover:no-underline dark:bg-indigo-300 dark:text-indigo-950">
              <Video aria-hidden="true" className="size-4" /> Video call
            </a>
          ) : null}
          <span role="status" className={`text-sm ${connection === "live" ? "text-emerald-800 dark:text-emerald-300" : "text-amber-800 dark:text-amber-300"}`}>
            {connection === "live" ? "Connected" : "Reconnecting…"}
          </span>
        </div>
      </header>

      {view.closed || state.endedAt ? (
        <div role="status" className="rounded-xl border border-indigo-300 bg-indigo-50 p-4 dark:border-indigo-700 dark:bg-indigo-950">
          {view.closed ?? "This session has ended."} <Link to={summaryHref}>See the summary</Link>.
        </div>
      ) : null}
      {state.reflection ? (
        <div role="status" className="rounded-xl border border-teal-300 bg-teal-50 p-4 dark:border-teal-700 dark:bg-teal-950">
          A reflection to end with: <em>{state.reflection.prompt}</em>{" "}
          <a href={`/journal?prompt=${encodeURIComponent(state.reflection.prompt)}&domain=${state.reflection.domain}`} target="_blank" rel="noopener noreferrer">
            Write in your journal
          </a>{" "}
          (private to you; opens beside this room)
        </div>
      ) : null}
      {state.pause && !state.endedAt && now - state.pause.startedAt < state.pause.seconds * 1000 + 15_000 ? (
        <MindfulPause pause={state.pause} now={now} onEnd={me.facilitator ? () => void act(send("pause:end", {})) : undefined} />
      ) : null}
      {state.focus ? (
        <div role="status" className="rounded-xl border border-indigo-300 bg-indigo-50 p-4 dark:border-indigo-700 dark:bg-indigo-950">
          The facilitator brings everyone to:{" "}
          <a href={state.focus.kind === "canvas" ? `/canvases/${state.focus.target}` : state.focus.target} target="_blank" rel="noopener noreferrer">
            {state.focus.kind === "canvas" ? `the map "${state.focus.label}"` : state.focus.label}
          </a>{" "}
          (opens beside this room)
        </div>
      ) : null}
      {myGroup && !me.facilitator ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
          You are in <strong>{myGroup.name}</strong> with {myGroup.members.filter((id) => id !== me.userId).map(nameOf).join(", ") || "nobody yet"}. Back together in {formatClock(state.breakouts!.endsAt - now)}.
          {myGroup.canvasId ? (
            <>
              {" "}
              <a href={`/canvases/${myGroup.canvasId}`} target="_blank" rel="noopener noreferrer">
                Your group&apos;s map
              </a>
            </>
          ) : null}
        </div>
      ) : null}
      {me.facilitator && state.breakouts ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
          {state.breakouts.groups.length} breakout groups are meeting · back in {formatClock(state.breakouts.endsAt - now)}:{" "}
          {state.breakouts.groups.map((g) => `${g.name} (${g.members.map(nameOf).join(", ")})`).join("; ")}
        </div>
      ) : null}
      {iHold ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border-2 border-amber-500 bg-amber-50 p-4 dark:border-amber-300 dark:bg-amber-950">
          <p className="text-lg font-semibold">You have the talking piece. Take your time.</p>
          <div className="flex gap-2">
            <button type="button" className="rounded-md bg-amber-800 px-4 py-2 font-semibold text-white dark:bg-amber-300 dark:text-amber-950" onClick={() => act(send("round:pass", { outcome: "spoke", groupId }))}>
              I&apos;m done, pass it on
            </button>
            <button type="button" className="rounded-md border border-amber-800 px-4 py-2 font-semibold dark:border-amber-300" onClick={() => act(send("round:pass", { outcome: "passed", groupId }))}>
              Pass
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      ) : null}

      {me.facilitator && !state.endedAt ? <FacilitatorBar state={state} agenda={snapshot.agenda} people={people} canvases={snapshot.canvases} send={send} onResult={setError} /> : null}

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-4">
          <Circle people={circlePeople} round={round} raised={state.hands.queue} spotlight={state.spotlight} meId={me.userId} now={now} nameOf={nameOf} />
          {groupId && !(round && round.endedAt === null) ? (
            <button type="button" className="rounded-md border border-stone-400 px-3 py-2 text-sm font-semibold" onClick={() => act(send("round:start", { prompt: "Check-in", order: "join", timeboxSeconds: null, groupId }))}>
              Start a round in your group
            </button>
          ) : null}
          <Reactions frames={view.reactions} onReact={(reaction) => void act(send("reaction:send", { reaction }))} />
        </div>
        <aside className="space-y-4">
          <section aria-labelledby="hands-heading" className="rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <h2 id="hands-heading" className="mb-2 font-semibold">
              Raised hands
            </h2>
            {state.hands.called ? <p className="mb-2 text-sm">{nameOf(state.hands.called)} has the floor.</p> : null}
            {state.hands.queue.length > 0 ? (
              <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm">
                {state.hands.queue.map((id) => (
                  <li key={id}>
                    {nameOf(id)}
                    {me.facilitator && id !== me.userId && !state.endedAt ? (
                      <button type="button" className="ml-2 rounded px-2 py-0.5 text-xs font-semibold text-indigo-800 underline dark:text-indigo-200" aria-label={`Lower ${nameOf(id)}'s hand`} onClick={() => act(send("hand:lower", { userId: id }))}>
                        Lower
                      </button>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="mb-3 text-sm text-stone-700 dark:text-stone-300">No hands are up.</p>
            )}
            <div className="flex flex-wrap gap-2">
              <button type="button" disabled={Boolean(state.endedAt)} className="inline-flex items-center gap-2 rounded-md border border-stone-400 px-3 py-2 text-sm font-semibold disabled:opacity-50" onClick={() => act(send(handRaised ? "hand:lower" : "hand:raise", {}))}>
                <Hand aria-hidden="true" className="size-4" /> {handRaised ? "Lower my hand" : "Raise my hand"}
              </button>
              <button type="button" disabled={Boolean(state.endedAt)} aria-pressed={myStatus === "brb"} className="rounded-md border border-stone-400 px-3 py-2 text-sm font-semibold disabled:opacity-50" onClick={() => act(send("presence:brb", { on: myStatus !== "brb" }))}>
                {myStatus === "brb" ? "I'm back" : "Be right back"}
              </button>
            </div>
          </section>
          {me.facilitator && state.breakouts ? (
            <label className="block text-sm font-medium">
              Visit a group&apos;s chat
              <select value={visiting ?? ""} onChange={(e) => setVisiting(e.target.value || null)} className="ml-2 rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-950">
                <option value="">The main room</option>
                {state.breakouts.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <ChatPanel
            chat={chat.filter((m) => (myGroup && !me.facilitator ? m.groupId === myGroup.id : m.groupId === (visitingGroup?.id ?? null)))}
            send={send}
            facilitator={me.facilitator}
            groupId={visitingGroup?.id}
            title={myGroup && !me.facilitator ? `${myGroup.name} chat` : visitingGroup ? `${visitingGroup.name} chat (visiting)` : "Chat"}
          />
        </aside>
      </div>
    </div>
  );
}

/** A soft two-note chime when the shared timer reaches zero, if the person asked for sound. */
function useTimerChime(ended: boolean, enabled: boolean) {
  const played = useRef(false);
  useEffect(() => {
    if (!ended) {
      played.current = false;
      return;
    }
    if (!enabled || played.current) return;
    played.current = true;
    try {
      const audio = new AudioContext();
      [523.25, 659.25].forEach((frequency, i) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, audio.currentTime + i * 0.35);
        gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + i * 0.35 + 0.05);
        gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.35 + 0.6);
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + i * 0.35);
        tone.stop(audio.currentTime + i * 0.35 + 0.65);
      });
      setTimeout(() => void audio.close(), 1500);
    } catch {
      // No audio in this browser: the visual cue remains.
    }
  }, [ended, enabled]);
}

/**
 * The room's one live region: each change (a phase, a hand, the floor, the talking piece, the
 * timer reaching zero) is said once, in words; clocks that tick are never read out.
 */
function useAnnouncer(view: ReturnType<typeof useRoom>["view"], timerAtZero: boolean): string {
  const [said, setSaid] = useState("");
  const previous = useRef<Moment | null>(null);
  const { snapshot, state, people } = view;
  useEffect(() => {
    if (!snapshot || !state) return;
    const me = snapshot.me.userId;
    const group = groupOf(state, me);
    const moment: Moment = {
      state,
      round: group && !snapshot.me.facilitator ? group.round : state.round,
      timerAtZero,
      statuses: Object.fromEntries(people.map((p) => [p.userId, p.status])) as Record<string, PresenceStatus>,
    };
    const nameOf = (id: string) => people.find((p) => p.userId === id)?.name ?? "Someone who left";
    const lines = announcements(previous.current, moment, snapshot.agenda, me, nameOf);
    previous.current = moment;
    if (lines.length) setSaid(lines.join(" "));
  }, [snapshot, state, people, timerAtZero]);
  return said;
}
