// One live room in memory: its state (kept in the database after every change), who is
// present (a person with several tabs counts once, and is away only when every tab is), and the
// reactions gathered into frames. Room logic itself lives in shared/room; this class applies it,
// stores it and says who to tell.
//
// One writer per room (decision 0007): every change runs in the room's queue, reads the state as
// it is then, and is stored before it becomes the room's state and before anyone is told. A
// failed save throws to the one who asked, and the room stays as it was for everyone.
import type { DB } from "../../db/connect";
import {
  closeOpenAttendance,
  endAttendance,
  logPhase,
  recordRound,
  saveRoomState,
  startAttendance,
} from "../../db/queries/rooms";
import type { Agenda } from "../../shared/agenda";
import { splitIntoGroups, type BreakoutPlan } from "../../shared/room/breakouts";
import { emptyHands, lowerHand } from "../../shared/room/hands";
import { emptyTimer } from "../../shared/room/timer";
import { addToRound, endRound, holder, skipTurn, type Round, type RoundResult } from "../../shared/room/round";
import { groupOf, type Person, type PresenceStatus, type Reaction, type RoomState } from "../../shared/room/state";
import type { Logger } from "../logger";

export interface RoomMeta {
  meetingId: string;
  seriesId: string;
  key: string;
  communityId: string;
  communityName: string;
  title: string;
  videoUrl: string | null;
  agenda: Agenda;
}

/** What the room asks its owner to send out; the owner knows the sockets. */
export interface RoomOutbox {
  state(room: LiveRoom): void;
  joined(room: LiveRoom, person: Person): void;
  left(room: LiveRoom, userId: string): void;
  status(room: LiveRoom, userId: string, status: PresenceStatus): void;
  reactions(room: LiveRoom, counts: Partial<Record<Reaction, number>>): void;
  groupsChanged(room: LiveRoom): void;
}

interface Presence {
  person: Person;
  sockets: Set<string>;
  /** The connections (tabs) whose page is hidden. */
  awaySockets: Set<string>;
  /** They said they will be right back (until they say they are back, or leave). */
  brb: boolean;
  attendanceId: Promise<string> | null;
  leaving: NodeJS.Timeout | null;
}

export interface RoomTimings {
  /** How long someone whose last connection dropped still counts as present. */
  departureGraceMs: number;
  /** How long reactions are gathered before one frame goes out. */
  reactionFrameMs: number;
}

export class LiveRoom {
  state: RoomState;
  /** Multi-node mode: the fencing number this node claimed the room with (decision 0017); its writes carry it. */
  fence: number | undefined;
  /** Every breakout group id this room has had: the channels a connection may have to leave. */
  readonly groupIdsSeen = new Set<string>();
  private readonly presence = new Map<string, Presence>();
  private queue: Promise<unknown> = Promise.resolve();
  private reactionCounts: Partial<Record<Reaction, number>> = {};
  private reactionTimer: NodeJS.Timeout | null = null;
  private breakoutTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly meta: RoomMeta,
    initial: RoomState,
    private readonly db: DB,
    private readonly out: RoomOutbox,
    private readonly log: Logger,
    private readonly timings: RoomTimings,
  ) {
    this.state = initial;
    for (const group of initial.breakouts?.groups ?? []) this.groupIdsSeen.add(group.id);
    this.scheduleBreakoutEnd();
  }

  get people(): Person[] {
    return [...this.presence.values()].map((p) => p.person);
  }

  /** People present, in the order they arrived (the order of a round). */
  get presentIds(): string[] {
    return [...this.presence.keys()];
  }

  get presentSet(): Set<string> {
    return new Set(this.presence.keys());
  }

  get isEmpty(): boolean {
    return this.presence.size === 0;
  }

  isPresent(userId: string): boolean {
    return this.presence.has(userId);
  }

  /** Runs one change of the room at a time, in arrival order: the room's one writer. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stores the next state; only then is it the room's, and only then is anyone told. Throws when the save fails. */
  private async apply(next: RoomState): Promise<void> {
    await saveRoomState(this.db, this.meta.meetingId, next, this.fence);
    this.state = next;
    this.out.state(this);
  }

  /**
   * Changes the room: `change` sees the state as it is when its turn comes, and returns the next
   * state or a refusal in words. Resolves once stored and told (null), or with the refusal.
   */
  update(change: (state: RoomState) => RoomState | string): Promise<string | null> {
    return this.serial(async () => {
      const next = change(this.state);
      if (typeof next === "string") return next;
      if (next === this.state) return null; // nothing changed: nothing to store or tell
      await this.applyRecordingRounds(next);
      return null;
    });
  }

  /** A connection arrives. Returns true when the person was not present before. */
  async arrive(socketId: string, person: Omit<Person, "status" | "joinedAt">, now: number): Promise<boolean> {
    const existing = this.presence.get(person.userId);
    if (existing) {
      existing.sockets.add(socketId);
      if (existing.leaving) clearTimeout(existing.leaving);
      existing.leaving = null;
      this.refreshStatus(person.userId);
      return false;
    }
    const full: Person = { ...person, status: "here", joinedAt: now };
    this.presence.set(person.userId, {
      person: full,
      sockets: new Set([socketId]),
      awaySockets: new Set(),
      brb: false,
      attendanceId: startAttendance(this.db, this.meta.meetingId, person.userId, now).catch((error) => {
        this.log.error({ err: error }, "attendance not recorded");
        return "";
      }),
      leaving: null,
    });
    this.out.joined(this, full);
    await this.update((state) => (state.round && state.round.endedAt === null && !state.breakouts ? { ...state, round: addToRound(state.round, person.userId) } : state)).catch((error) =>
      this.log.error({ err: error, meetingId: this.meta.meetingId }, "latecomer not added to the round"),
    );
    return true;
  }

  /** A connection goes. The person leaves once their last connection has been gone a moment. */
  depart(socketId: string, userId: string, onEmpty: () => void): void {
    const presence = this.presence.get(userId);
    if (!presence || !presence.sockets.delete(socketId)) return;
    presence.awaySockets.delete(socketId);
    if (presence.sockets.size > 0) return this.refreshStatus(userId);
    presence.leaving = setTimeout(() => {
      void this.leave(userId).then(() => {
        if (this.isEmpty) onEmpty();
      });
    }, this.timings.departureGraceMs);
  }

  private async leave(userId: string): Promise<void> {
    const presence = this.presence.get(userId);
    if (!presence || presence.sockets.size > 0) return;
    this.presence.delete(userId);
    const now = Date.now();
    const attendanceId = await presence.attendanceId;
    if (attendanceId) await endAttendance(this.db, attendanceId, now).catch((error) => this.log.error({ err: error }, "attendance not closed"));
    this.out.left(this, userId);
    // Nothing may wait on someone who has gone: their hand comes down, their turn passes.
    await this.update((state) => {
      const present = this.presentSet;
      const skipIfHolding = (round: Round | null): Round | null => {
        if (!round || holder(round) !== userId) return round;
        const skipped = skipTurn(round, present, now);
        return skipped.ok ? skipped.round : round;
      };
      let next: RoomState = { ...state, hands: lowerHand(state.hands, userId), round: skipIfHolding(state.round) };
      if (next.breakouts) next = { ...next, breakouts: { ...next.breakouts, groups: next.breakouts.groups.map((g) => ({ ...g, round: skipIfHolding(g.round) })) } };
      if (next.spotlight === userId) next = { ...next, spotlight: null };
      return next;
    }).catch((error) => this.log.error({ err: error, meetingId: this.meta.meetingId }, "departure not stored"));
  }

  /** One connection's page is hidden or shown again; the person is away only when every one is hidden. */
  setStatus(socketId: string, userId: string, status: PresenceStatus): void {
    const presence = this.presence.get(userId);
    if (!presence || !presence.sockets.has(socketId)) return;
    if (status === "away") presence.awaySockets.add(socketId);
    else presence.awaySockets.delete(socketId);
    this.refreshStatus(userId);
  }

  /** A person's own "be right back", which stands above the automatic "away". */
  setBrb(userId: string, on: boolean): void {
    const presence = this.presence.get(userId);
    if (!presence) return;
    presence.brb = on;
    this.refreshStatus(userId);
  }

  private refreshStatus(userId: string): void {
    const presence = this.presence.get(userId);
    if (!presence) return;
    const status: PresenceStatus = presence.brb ? "brb" : presence.sockets.size > 0 && presence.awaySockets.size === presence.sockets.size ? "away" : "here";
    if (presence.person.status === status) return;
    presence.person = { ...presence.person, status };
    this.out.status(this, userId, status);
  }

  react(reaction: Reaction): void {
    this.reactionCounts[reaction] = (this.reactionCounts[reaction] ?? 0) + 1;
    this.reactionTimer ??= setTimeout(() => {
      const counts = this.reactionCounts;
      this.reactionCounts = {};
      this.reactionTimer = null;
      this.out.reactions(this, counts);
    }, this.timings.reactionFrameMs);
  }

  /** Applies the next state, first recording any round that this change ended (in the queue only). */
  private async applyRecordingRounds(next: RoomState): Promise<void> {
    const ended = (before: Round | null | undefined, after: Round | null | undefined) => before && before.endedAt === null && after?.id === before.id && after.endedAt !== null;
    const records: Promise<void>[] = [];
    if (ended(this.state.round, next.round)) records.push(recordRound(this.db, this.meta.meetingId, null, next.round!));
    for (const group of next.breakouts?.groups ?? []) {
      const before = this.state.breakouts?.groups.find((g) => g.id === group.id)?.round;
      if (ended(before, group.round)) records.push(recordRound(this.db, this.meta.meetingId, group.name, group.round!));
    }
    await Promise.all(records);
    await this.apply(next);
  }

  /** Applies a change to the round of a circle: the whole room, or one breakout group. */
  changeRound(groupId: string | undefined, change: (round: Round | null, present: Set<string>) => RoundResult): Promise<string | null> {
    return this.update((state) => {
      if (!groupId) {
        const result = change(state.round, this.presentSet);
        return result.ok ? { ...state, round: result.round } : result.error;
      }
      const group = state.breakouts?.groups.find((g) => g.id === groupId);
      if (!group) return "That breakout group has closed.";
      const present = new Set(group.members.filter((id) => this.presence.has(id)));
      const result = change(group.round, present);
      if (!result.ok) return result.error;
      const groups = state.breakouts!.groups.map((g) => (g.id === groupId ? { ...g, round: result.round } : g));
      return { ...state, breakouts: { ...state.breakouts!, groups } };
    });
  }

  setPhase(index: number, now: number): Promise<string | null> {
    const phase = this.meta.agenda[index];
    if (!phase) return Promise.resolve("The agenda has no such phase.");
    return this.serial(async () => {
      await logPhase(this.db, this.meta.meetingId, { index, title: phase.title, minutes: phase.minutes }, now);
      await this.apply({ ...this.state, phaseIndex: index, phaseStartedAt: now });
      return null;
    });
  }

  startBreakouts(plan: BreakoutPlan, minutes: number, now: number, canvasFor?: (groupName: string) => Promise<string>): Promise<string | null> {
    return this.serial(() => this.startBreakoutsNow(plan, minutes, now, canvasFor));
  }

  private async startBreakoutsNow(plan: BreakoutPlan, minutes: number, now: number, canvasFor?: (groupName: string) => Promise<string>): Promise<string | null> {
    if (this.state.breakouts) return "Breakout groups are already meeting.";
    const members = this.people.filter((p) => p.role !== "facilitator").map((p) => p.userId);
    const split = splitIntoGroups(plan.mode === "manual" ? this.presentIds : members, plan);
    if (!split.ok) return split.error;
    const round = this.state.round && this.state.round.endedAt === null ? endRound(this.state.round, now) : null;
    const groups = [];
    for (const [i, ids] of split.groups.entries()) {
      const name = `Group ${i + 1}`;
      groups.push({ id: `g${i + 1}`, name, members: ids, round: null, canvasId: canvasFor ? await canvasFor(name) : null });
      this.groupIdsSeen.add(`g${i + 1}`);
    }
    await this.applyRecordingRounds({ ...this.state, round: round?.ok ? round.round : this.state.round, breakouts: { startedAt: now, endsAt: now + minutes * 60_000, groups } });
    this.out.groupsChanged(this);
    this.scheduleBreakoutEnd();
    return null;
  }

  endBreakouts(now: number): Promise<string | null> {
    return this.serial(() => this.endBreakoutsNow(now));
  }

  private async endBreakoutsNow(now: number): Promise<string | null> {
    const breakouts = this.state.breakouts;
    if (!breakouts) return "There are no breakout groups to bring back.";
    if (this.breakoutTimer) clearTimeout(this.breakoutTimer);
    this.breakoutTimer = null;
    const groups = breakouts.groups.map((g) => {
      if (!g.round || g.round.endedAt !== null) return g;
      const ended = endRound(g.round, now);
      return ended.ok ? { ...g, round: ended.round } : g;
    });
    await this.applyRecordingRounds({ ...this.state, breakouts: { ...breakouts, groups } });
    await this.apply({ ...this.state, breakouts: null });
    this.out.groupsChanged(this);
    return null;
  }

  private scheduleBreakoutEnd(): void {
    const breakouts = this.state.breakouts;
    if (!breakouts || this.breakoutTimer) return;
    this.breakoutTimer = setTimeout(
      () => {
        this.breakoutTimer = null;
        void this.endBreakouts(Date.now()).catch((error) => this.log.error({ err: error }, "breakouts not ended"));
      },
      Math.max(0, breakouts.endsAt - Date.now()),
    );
    this.breakoutTimer.unref();
  }

  groupFor(userId: string) {
    return groupOf(this.state, userId);
  }

  /** Ends the session: the round closes, hands, the floor and the timer clear, the phase clock stops. */
  end(now: number): Promise<void> {
    return this.serial(async () => {
      if (this.state.breakouts) await this.endBreakoutsNow(now);
      const round = this.state.round && this.state.round.endedAt === null ? endRound(this.state.round, now) : null;
      await logPhase(this.db, this.meta.meetingId, null, now);
      await this.applyRecordingRounds({ ...this.state, round: round?.ok ? round.round : this.state.round, hands: emptyHands, timer: emptyTimer, phaseStartedAt: null, spotlight: null, pause: null, endedAt: now });
    });
  }

  /** Stops timers and closes attendance; the state is already stored. */
  async close(): Promise<void> {
    if (this.reactionTimer) clearTimeout(this.reactionTimer);
    if (this.breakoutTimer) clearTimeout(this.breakoutTimer);
    for (const presence of this.presence.values()) if (presence.leaving) clearTimeout(presence.leaving);
    await this.queue;
    await Promise.all([...this.presence.values()].map((p) => p.attendanceId));
    await closeOpenAttendance(this.db, this.meta.meetingId, Date.now()).catch((error) => this.log.error({ err: error }, "attendance not closed"));
    this.presence.clear();
  }

  /** Another node has taken the room over: timers stop and presence is forgotten, nothing is written. */
  abandon(): void {
    if (this.reactionTimer) clearTimeout(this.reactionTimer);
    if (this.breakoutTimer) clearTimeout(this.breakoutTimer);
    for (const presence of this.presence.values()) if (presence.leaving) clearTimeout(presence.leaving);
    this.presence.clear();
  }

  /** Every connection present, with its person (for a node that must let go of another node's connections). */
  get connections(): { socketId: string; userId: string }[] {
    return [...this.presence.values()].flatMap((p) => [...p.sockets].map((socketId) => ({ socketId, userId: p.person.userId })));
  }

  socketsOf(userId: string): string[] {
    return [...(this.presence.get(userId)?.sockets ?? [])];
  }
}
