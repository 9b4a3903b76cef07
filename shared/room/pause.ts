// The mindful pause: a guided silence of one, three or five minutes, with breathing guidance in
// text. A facilitator may start one for the whole live room: everyone's timer runs from the same
// server instant. Pure.

export const pauseLengths = [60, 180, 300] as const;
export type PauseLength = (typeof pauseLengths)[number];

export interface Pause {
  startedAt: number;
  seconds: PauseLength;
}

/** One breath: in for 4 seconds, out for 6 (a slower out-breath settles the body). */
const breathIn = 4000;
const breathCycle = 10_000;

export interface PauseMoment {
  remainingMs: number;
  done: boolean;
  breath: "in" | "out";
  /** 0 to 1 through the current in- or out-breath (for a shape that grows and shrinks). */
  breathProgress: number;
}

export function pauseMoment(pause: Pause, now: number): PauseMoment {
  const elapsed = Math.max(0, now - pause.startedAt);
  const remainingMs = Math.max(0, pause.seconds * 1000 - elapsed);
  const inCycle = elapsed % breathCycle;
  const breath = inCycle < breathIn ? "in" : "out";
  const breathProgress = breath === "in" ? inCycle / breathIn : (inCycle - breathIn) / (breathCycle - breathIn);
  return { remainingMs, done: remainingMs === 0, breath, breathProgress };
}

/** What a screen reader hears, at most once a minute: the start, each whole minute left, the end. */
export function pauseAnnouncement(pause: Pause, now: number): string {
  const { remainingMs, done } = pauseMoment(pause, now);
  if (done) return "The pause is over. Welcome back.";
  const minutesLeft = Math.ceil(remainingMs / 60_000);
  if (now - pause.startedAt < 1000) return `A ${pause.seconds / 60}-minute mindful pause has begun. Breathe in for four, out for six.`;
  return minutesLeft === 1 ? "One minute left." : `${minutesLeft} minutes left.`;
}

export const pauseLabel = (seconds: PauseLength) => `${seconds / 60} minute${seconds === 60 ? "" : "s"}`;
