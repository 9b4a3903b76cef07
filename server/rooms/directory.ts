// Where each live room's one writer is. On one node: here, always. With several nodes (decision
// 0017): the node holding the room's lease in Redis, which the first node to need the room takes;
// the others forward every change to it and it broadcasts through Socket.io's adapter. A node that
// takes a room over claims it in the database first (a new fencing number, so the last owner, if it
// still runs unaware, can store nothing more), and asks every node to announce the connections it
// has in that room again; the connections of a node that stops saying it is alive leave.
import type { PresenceStatus, Person, RoomState } from "../../shared/room/state";
import type { ClientPayload } from "../../shared/events";
import { RoomFenced } from "../../db/queries/rooms";
import { NodeUnreachable, type Cluster } from "../cluster/cluster";
import { Leases } from "../cluster/leases";
import type { Logger } from "../logger";
import type { IoServer } from "../realtime/io";
import type { Services } from "../services";
import { refuse, runRoomCommand, type Actor, type RoomEvent } from "./commands";
import type { RoomMeta } from "./liveRoom";
import type { RoomRegistry } from "./registry";

export type RoomOp =
  | { op: "arrive"; meta: RoomMeta }
  | { op: "depart" }
  | { op: "status"; status: PresenceStatus }
  | { op: "brb"; on: boolean }
  | { op: "event"; event: RoomEvent; payload: unknown };

export interface Arrival {
  state: RoomState;
  people: Person[];
  groupId: string | null;
}

/** What the room's owner answers when it does not hold the room open: the asker arrives again first. */
export const notOpen = "Join the room first.";

const leaseMs = 6000;
/** How long an arrival or departure keeps trying while a room's owner may be dying (its alive key lasts 2 s). */
const retryForMs = 8000;

export class RoomDirectory {
  private readonly leases: Leases | null;
  /** This node's connections in rooms, with what it takes to announce them to a room's new owner. */
  private readonly here = new Map<string, { meetingId: string; actor: Actor; meta: RoomMeta }>();
  /** On the owner: the node each present connection is on. */
  private readonly socketNodes = new Map<string, string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly services: Services,
    private readonly io: IoServer,
    private readonly cluster: Cluster | null,
    private readonly log: Logger,
  ) {
    this.leases = cluster ? new Leases(cluster, "room", leaseMs) : null;
    if (!cluster) return;
    cluster.handle("room", (body) => {
      const { meetingId, actor, op } = body as { meetingId: string; actor: Actor; op: RoomOp };
      return this.execute(meetingId, actor, op);
    });
    registry.onEvicted = (meetingId) => void this.leases!.release(meetingId).catch(() => {});
    // Word of a new owner may have been missed while Redis was away: this node's connections arrive
    // again wherever their rooms are owned now (arriving twice changes nothing).
    cluster.onReconnect(() => {
      for (const meetingId of new Set([...this.here.values()].map((h) => h.meetingId))) void this.announce(meetingId);
    });
    this.timers.push(setInterval(() => void this.renew(), leaseMs / 3), setInterval(() => void this.sweepDeparted(), cluster.options.heartbeatMs));
    for (const timer of this.timers) timer.unref();
  }

  async start(): Promise<void> {
    if (!this.cluster) return;
    this.stopListening = await this.cluster.listen("room-owner", (body, from) => {
      const { meetingId } = body as { meetingId: string };
      if (from !== this.cluster!.nodeId) void this.registry.drop(meetingId);
      void this.announce(meetingId);
    });
  }

  /** Remembers (or forgets) one of this node's connections in a room. */
  joined(meetingId: string, actor: Actor, meta: RoomMeta): void {
    this.here.set(actor.socketId, { meetingId, actor, meta });
  }
  left(socketId: string): void {
    this.here.delete(socketId);
  }
  metaOf(socketId: string): RoomMeta | undefined {
    return this.here.get(socketId)?.meta;
  }

  /**
   * Runs an operation on the room's one writer, wherever it is. An owner that does not answer may
   * have died: arriving, leaving and presence (which may safely happen twice) are tried again until
   * its lease passes to a live node, within a few seconds; an event is not (it may have been
   * stored before the owner died), and fails.
   */
  async run(meetingId: string, actor: Actor, op: RoomOp): Promise<unknown> {
    const { cluster, leases } = this;
    if (!cluster || !leases) return this.execute(meetingId, actor, op);
    const from = { ...actor, nodeId: cluster.nodeId };
    const giveUpAt = Date.now() + retryForMs;
    for (;;) {
      const holder = await leases.holder(meetingId);
      if (holder.self) {
        if (holder.taken) {
          // A copy this node still holds from an earlier lease may have been claimed by another node
          // since (the lease lapsed while Redis was away, say): such a copy is loaded afresh.
          await this.registry.dropIfStale(meetingId);
          await cluster.publish("room-owner", { meetingId });
        }
        return this.execute(meetingId, from, op);
      }
      try {
        return await cluster.request(holder.nodeId, "room", { meetingId, actor: from, op });
      } catch (error) {
        if (!(error instanceof NodeUnreachable) || op.op === "event" || Date.now() > giveUpAt) throw error;
        this.log.warn({ meetingId, owner: holder.nodeId }, "the room's owner did not answer; trying again");
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /**
   * Runs an operation on this node's copy of the room. A copy whose claim another node has since
   * taken stores nothing (RoomFenced): it is let go, every node announces its connections again
   * (as after a takeover, so the fresh copy knows who is present), and the asker arrives again,
   * which loads the room afresh; nothing was stored, so nothing happens twice.
   */
  private async execute(meetingId: string, actor: Actor, op: RoomOp): Promise<unknown> {
    try {
      return await this.executeOnCopy(meetingId, actor, op);
    } catch (error) {
      if (!(error instanceof RoomFenced)) throw error;
      if (await this.registry.dropIfStale(meetingId)) {
        this.log.warn({ meetingId }, "this node's copy of the room was claimed by another; loading it afresh");
        await this.cluster?.publish("room-owner", { meetingId });
      }
      if (op.op === "arrive") return this.executeOnCopy(meetingId, actor, op);
      return refuse(notOpen);
    }
  }

  private async executeOnCopy(meetingId: string, actor: Actor, op: RoomOp): Promise<unknown> {
    const { registry } = this;
    if (op.op === "arrive") {
      const room = await registry.open(op.meta);
      if (actor.nodeId) this.socketNodes.set(actor.socketId, actor.nodeId);
      await room.arrive(actor.socketId, { userId: actor.userId, name: actor.name, role: actor.facilitator ? "facilitator" : "member" }, Date.now());
      return { state: room.state, people: room.people, groupId: room.groupFor(actor.userId)?.id ?? null } satisfies Arrival;
    }
    const room = await registry.get(meetingId);
    switch (op.op) {
      case "depart":
        this.socketNodes.delete(actor.socketId);
        room?.depart(actor.socketId, actor.userId, () => registry.scheduleEviction(meetingId));
        return null;
      case "status":
        room?.setStatus(actor.socketId, actor.userId, op.status);
        return null;
      case "brb":
        room?.setBrb(actor.userId, op.on);
        return null;
      case "event":
        if (!room) return refuse(notOpen);
        return runRoomCommand(op.event, op.payload as ClientPayload<typeof op.event>, { room, actor, now: Date.now(), services: this.services, io: this.io });
    }
  }

  /** A room has a new owner: this node's connections in it arrive there again. */
  private async announce(meetingId: string): Promise<void> {
    for (const { meetingId: id, actor, meta } of this.here.values()) {
      if (id !== meetingId) continue;
      await this.run(meetingId, actor, { op: "arrive", meta }).catch((error: unknown) => this.log.warn({ err: error, meetingId }, "a connection could not be announced to the room's new owner"));
    }
  }

  /** Keeps the leases of the rooms this node holds; lets go of a room whose lease another node has taken. */
  private async renew(): Promise<void> {
    for (const meetingId of this.registry.meetingIds) {
      try {
        if (!(await this.leases!.renew(meetingId))) {
          this.log.warn({ meetingId }, "another node owns this room now; letting go of it");
          await this.registry.drop(meetingId);
        }
      } catch (error) {
        this.log.warn({ err: error, meetingId }, "a room lease could not be renewed");
      }
    }
  }

  /** The connections of a node that stopped saying it is alive leave the rooms this node owns. */
  private async sweepDeparted(): Promise<void> {
    const nodes = new Set(this.socketNodes.values());
    nodes.delete(this.cluster!.nodeId);
    for (const nodeId of nodes) {
      if (await this.cluster!.isAlive(nodeId).catch(() => true)) continue;
      this.log.warn({ nodeId }, "a node has gone; its connections leave their rooms");
      for (const meetingId of this.registry.meetingIds) {
        const room = await this.registry.get(meetingId);
        for (const { socketId, userId } of room?.connections ?? []) {
          if (this.socketNodes.get(socketId) !== nodeId) continue;
          this.socketNodes.delete(socketId);
          room!.depart(socketId, userId, () => this.registry.scheduleEviction(meetingId));
        }
      }
      for (const [socketId, node] of this.socketNodes) if (node === nodeId) this.socketNodes.delete(socketId);
    }
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.stopListening?.();
    if (this.leases) for (const meetingId of this.registry.meetingIds) await this.leases.release(meetingId).catch(() => {});
  }
}
