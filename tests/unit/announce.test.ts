import { describe, expect, it } from "vitest";
import { announcements, type Moment } from "../../shared/room/announce";
import { initialRoomState, type RoomState } from "../../shared/room/state";
import { startRound } from "../../shared/room/round";
import { setTimer } from "../../shared/room/timer";

const agenda = [
  { kind: "arrival" as const, title: "Arrival", minutes: 5 },
  { kind: "check-in" as const, title: "Check-in round", minutes: 20 },
];
const names: Record<string, string> = { me: "Ana", sam: "Sam", lena: "Lena" };
const nameOf = (id: string) => names[id] ?? "Someone";
const moment = (state: Partial<RoomState>, extra: Partial<Moment> = {}): Moment => ({
  state: { ...initialRoomState, ...state },
  round: state.round ?? null,
  timerAtZero: false,
  statuses: { me: "here", sam: "here", lena: "here" },
  ...extra,
});
const say = (before: Moment | null, after: Moment) => announcements(before, after, agenda, "me", nameOf);

describe("what a screen reader is told", () => {
  it("nothing on the first look, and nothing when only a clock moves", () => {
    const ticking = moment({ phaseIndex: 0, phaseStartedAt: 1000, timer: { ...setTimer(60), endsAt: 61_000 } });
    expect(say(null, ticking)).toEqual([]);
    expect(say(ticking, moment({ phaseIndex: 0, phaseStartedAt: 1000, timer: { ...setTimer(60), endsAt: 61_000 } }))).toEqual([]);
  });

  it("a new phase, hands raised and lowered, the floor given and cleared, once each", () => {
    const start = moment({ phaseIndex: 0 });
    const next = moment({ phaseIndex: 1, hands: { queue: ["sam", "me"], called: null } });
    expect(say(start, next)).toEqual(["Now: Check-in round.", "Sam raised a hand.", "You raised your hand."]);
    const called = moment({ phaseIndex: 1, hands: { queue: ["me"], called: "sam" } });
    expect(say(next, called)).toEqual(["Sam has the floor."]);
    expect(say(called, called)).toEqual([]);
    const lowered = moment({ phaseIndex: 1, hands: { queue: [], called: null } });
    expect(say(called, lowered)).toEqual(["Your hand is lowered.", "The floor is open."]);
  });

  it("the talking piece as it passes, the timer reaching zero, be-right-back and the end", () => {
    const started = startRound({ id: "r1", prompt: "How are you arriving?", present: ["sam", "me"], order: "join", timeboxSeconds: null, now: 0 });
    if (!started.ok) throw new Error(started.error);
    const before = moment({});
    const during = moment({ round: started.round });
    const said = say(before, during);
    expect(said[0]).toBe("A round begins: How are you arriving?");
    expect(said[1]).toMatch(/has the talking piece|holds the talking piece/);
    expect(say(during, moment({ round: started.round }, { timerAtZero: true }))).toEqual(["The timer has reached zero."]);
    expect(say(before, moment({}, { statuses: { me: "here", sam: "brb", lena: "here" } }))).toEqual(["Sam will be right back."]);
    expect(say(moment({}, { statuses: { me: "here", sam: "brb", lena: "here" } }), before)).toEqual(["Sam is back."]);
    expect(say(during, moment({ round: started.round, endedAt: 5 }))).toEqual(["The facilitator ended the session."]);
  });
});
