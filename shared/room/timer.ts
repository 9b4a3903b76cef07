// The shared timer. The server holds the end time; every client shows end time minus its own
// corrected clock, so everyone sees the same seconds left. Pure.
export interface Timer {
  durationMs: number;
  /** Server time when it reaches zero, while running. */
  endsAt: number | null;
  /** What is left while paused or not started. */
  remainingMs: number;
}

export const emptyTimer: Timer = { durationMs: 0, endsAt: null, remainingMs: 0 };

export const setTimer = (seconds: number): Timer => ({ durationMs: seconds * 1000, endsAt: null, remainingMs: seconds * 1000 });

export function startTimer(timer: Timer, now: number): Timer {
  if (timer.endsAt !== null || timer.remainingMs <= 0) return timer;
  return { ...timer, endsAt: now + timer.remainingMs };
}

export function pauseTimer(timer: Timer, now: number): Timer {
  if (timer.endsAt === null) return timer;
  return { ...timer, endsAt: null, remainingMs: Math.max(0, timer.endsAt - now) };
}

export const resetTimer = (timer: Timer): Timer => ({ ...timer, endsAt: null, remainingMs: timer.durationMs });

export function remainingMs(timer: Timer, now: number): number {
  return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

/** Offset to add to a client's clock to get server time, from one request/response exchange. */
export function clockOffset(sentAt: number, serverTime: number, receivedAt: number): number {
  return serverTime - (sentAt + receivedAt) / 2;
}
