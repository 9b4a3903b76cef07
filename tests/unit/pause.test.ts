import { describe, expect, it } from "vitest";
import { pauseAnnouncement, pauseMoment } from "../../shared/room/pause";

describe("the mindful pause", () => {
  const pause = { startedAt: 1_000_000, seconds: 180 as const };

  it("counts down from the server's instant, breathing in for four seconds and out for six", () => {
    expect(pauseMoment(pause, pause.startedAt)).toEqual({ remainingMs: 180_000, done: false, breath: "in", breathProgress: 0 });
    expect(pauseMoment(pause, pause.startedAt + 2000)).toMatchObject({ breath: "in", breathProgress: 0.5 });
    expect(pauseMoment(pause, pause.startedAt + 7000)).toMatchObject({ breath: "out", breathProgress: 0.5 });
    expect(pauseMoment(pause, pause.startedAt + 10_000)).toMatchObject({ breath: "in", breathProgress: 0 });
    expect(pauseMoment(pause, pause.startedAt + 180_000)).toMatchObject({ remainingMs: 0, done: true });
    // A clock a little behind the server's never shows more than the pause's length.
    expect(pauseMoment(pause, pause.startedAt - 500).remainingMs).toBe(180_000);
  });

  it("announces the start, the minutes left and the end, no more often", () => {
    expect(pauseAnnouncement(pause, pause.startedAt + 200)).toContain("3-minute mindful pause has begun");
    expect(pauseAnnouncement(pause, pause.startedAt + 30_000)).toBe("3 minutes left.");
    expect(pauseAnnouncement(pause, pause.startedAt + 61_000)).toBe("2 minutes left.");
    expect(pauseAnnouncement(pause, pause.startedAt + 150_000)).toBe("One minute left.");
    expect(pauseAnnouncement(pause, pause.startedAt + 181_000)).toBe("The pause is over. Welcome back.");
  });
});
