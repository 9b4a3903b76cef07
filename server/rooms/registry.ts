// The live rooms in memory. A room is loaded from the database when its first person arrives,
// and leaves memory a while after its last person has gone.
import type { DB } from "../../db/connect";
import { claimRoom, closeOpenAttendance, loadRoomState, roomFence } from "../../db/queries/rooms";
import type { Logger } from "../logger";
import { LiveRoom, type RoomMeta, type RoomOutbox, type RoomTimings } from "./liveRoom";

export interface RoomRegistryOptions extends RoomTimings {
  /** How long an empty room stays in memory. */
  idleEvictMs: number;
}

export const defaultRoomOptions: RoomRegistryOptions = { departureGraceMs: 5000, reactionFrameMs: 250, idleEvictMs: 60_000 };

export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<LiveRoom>>();
  private readonly evictions = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: DB,
    private readonly out: RoomOutbox,
    private readonly log: Logger,
    private readonly options: RoomRegistryOptions = defaultRoomOptions,
    /** Multi-node mode: a room is claimed (its fencing number raised) before it is loaded. */
    private readonly fenced = false,
  ) {}

  async open(meta: RoomMeta): Promise<LiveRoom> {
    this.cancelEviction(meta.meetingId);
    let loading = this.rooms.get(meta.meetingId);
    if (!loading) {
      loading = (async () => {
        const fence = this.fenced ? await claimRoom(this.db, meta.meetingId) : undefined;
        // Spans left open by a server that stopped abruptly (or by the room's last owner) end here.
        await closeOpenAttendance(this.db, meta.meetingId, Date.now());
        const room = new LiveRoom(meta, await loadRoomState(this.db, meta.meetingId), this.db, this.out, this.log, this.options);
        room.fence = fence;
        return room;
      })();
      this.rooms.set(meta.meetingId, loading);
      loading.catch(() => this.rooms.delete(meta.meetingId));
    }
    return loading;
  }

  async get(meetingId: string): Promise<LiveRoom | undefined> {
    return this.rooms.get(meetingId);
  }

  scheduleEviction(meetingId: string): void {
    this.cancelEviction(meetingId);
    const timer = setTimeout(() => {
      this.evictions.delete(meetingId);
      void this.evict(meetingId);
    }, this.options.idleEvictMs);
    timer.unref();
    this.evictions.set(meetingId, timer);
  }

  private cancelEviction(meetingId: string): void {
    const timer = this.evictions.get(meetingId);
    if (timer) clearTimeout(timer);
    this.evictions.delete(meetingId);
  }

  /** Told when an empty room has left memory (multi-node mode lets go of its lease). */
  onEvicted: (meetingId: string) => void = () => {};

  private async evict(meetingId: string): Promise<void> {
    const room = await this.rooms.get(meetingId);
    if (!room || !room.isEmpty) return;
    this.rooms.delete(meetingId);
    await room.close();
    this.onEvicted(meetingId);
  }

  /** Lets go of a room another node now owns: nothing is written, its timers stop. */
  async drop(meetingId: string): Promise<void> {
    const loading = this.rooms.get(meetingId);
    if (!loading) return;
    this.rooms.delete(meetingId);
    this.cancelEviction(meetingId);
    (await loading.catch(() => null))?.abandon();
  }

  /**
   * Lets go of this node's copy of a room if another node has claimed the room since it was loaded
   * (its fencing number is no longer the room's): the next arrival loads it afresh. A current copy
   * is kept. Returns whether a copy was let go.
   */
  async dropIfStale(meetingId: string): Promise<boolean> {
    const loading = this.rooms.get(meetingId);
    if (!loading || !this.fenced) return false;
    const room = await loading.catch(() => null);
    if (!room || room.fence === undefined) return false;
    if ((await roomFence(this.db, meetingId)) === room.fence) return false;
    if (this.rooms.get(meetingId) !== loading) return false; // replaced meanwhile
    await this.drop(meetingId);
    return true;
  }

  /** The rooms in memory. */
  get meetingIds(): string[] {
    return [...this.rooms.keys()];
  }

  get size(): number {
    return this.rooms.size;
  }

  async closeAll(): Promise<void> {
    for (const timer of this.evictions.values()) clearTimeout(timer);
    this.evictions.clear();
    const rooms = await Promise.allSettled(this.rooms.values());
    this.rooms.clear();
    await Promise.all(rooms.map((r) => (r.status === "fulfilled" ? r.value.close() : undefined)));
  }
}
