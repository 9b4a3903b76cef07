// Socket.io handlers of live rooms, on the node the socket is connected to. Each event's payload
// is checked against its schema in shared/events.ts and rate-limited per person here; joining is
// authorized here against the database; then the event goes to the room's one writer (this node,
// or the room's owner among several: server/rooms/directory.ts), which applies it through
// shared/room, stores it and only then answers. A refused event changes nothing and says why.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Socket } from "socket.io";
import { getCommunity, getMembershipRole } from "../../db/queries/communities";
import type { CommunityVisibility } from "../../db/schema";
import { ensureMeetingRow, findOccurrence } from "../../db/queries/meetings";
import { recentChat } from "../../db/queries/rooms";
import { listCanvases } from "../../db/queries/canvases";
import {
  clientEventSchemas,
  type Ack,
  type ClientEvent,
  type ClientPayload,
  type ClientReply,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "../../shared/events";
import { may } from "../../shared/permissions";
import type { RoomSnapshot } from "../../shared/room/state";
import { roomIsOpen } from "../../shared/room/window";
import { sessionEnded } from "../accessEvents";
import type { Cluster } from "../cluster/cluster";
import { RemoteRefusal } from "../cluster/cluster";
import type { Logger } from "../logger";
import type { Services } from "../services";
import { facilitatorChannel, groupChannel, Refusal, refuse, roomChannel, roomCommands, type Actor, type Limit, type RoomEvent } from "./commands";
import { notOpen, type Arrival, type RoomDirectory, type RoomOp } from "./directory";

export { facilitatorChannel, groupChannel, roomChannel };

export type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type RoomLimiters = Record<Limit, RateLimiterAbstract>;

/**
 * Rate limits per person (not per connection: more tabs do not mean more sends), one set per
 * server; with several nodes, counted in Redis so that a person's sends count once across nodes.
 */
export function roomLimiters(cluster: Cluster | null): RoomLimiters {
  const limits: Record<Limit, { points: number; duration: number }> = {
    chat: { points: 5, duration: 5 },
    reaction: { points: 8, duration: 2 },
    hand: { points: 6, duration: 10 },
    general: { points: 40, duration: 10 },
  };
  const make = (name: Limit) =>
    cluster
      ? new RateLimiterRedis({ storeClient: cluster.redis, keyPrefix: cluster.key(`limit:${name}`), ...limits[name], insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, ...limits[name] }) })
      : new RateLimiterMemory({ keyPrefix: name, ...limits[name] });
  return { chat: make("chat"), reaction: make("reaction"), hand: make("hand"), general: make("general") };
}

export function registerRoomHandlers(socket: RoomSocket, services: Services, directory: RoomDirectory, limiters: RoomLimiters, log: Logger): void {
  const actor = (): Actor => ({ socketId: socket.id, userId: socket.data.userId, name: socket.data.name, facilitator: socket.data.facilitator ?? false });

  /** Wires one event: validation, rate limit, errors, acknowledgement. */
  function on<E extends ClientEvent>(event: E, limit: Limit, handler: (payload: ClientPayload<E>) => Promise<ClientReply<E>> | ClientReply<E>): void {
    const listener = async (payload: unknown, ack: unknown) => {
      const reply = (typeof ack === "function" ? ack : () => {}) as (r: Ack<ClientReply<E>>) => void;
      try {
        const parsed = clientEventSchemas[event].safeParse(payload ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          refuse(`That ${event} request was not understood (${issue.path.join(".") || "payload"}: ${issue.message}).`);
        }
        try {
          await limiters[limit].consume(socket.data.userId);
        } catch {
          refuse("You are sending too quickly. Please wait a moment.");
        }
        reply({ ok: true, data: await handler(parsed.data as ClientPayload<E>) });
      } catch (error) {
        if (error instanceof Refusal || error instanceof RemoteRefusal) {
          log.warn({ event, userId: socket.data.userId, reason: error.message }, "room event refused");
          reply({ ok: false, error: error.message });
        } else {
          log.error({ err: error, event, userId: socket.data.userId }, "room event failed");
          reply({ ok: false, error: "Something went wrong on our side. Nothing in the room changed.", retry: true });
        }
      }
    };
    socket.on(event, listener as never);
  }

  /** Sends an event to the room's one writer; a room that its (new) owner does not hold open is arrived in again first. */
  async function inRoom(op: Extract<RoomOp, { op: "event" }>): Promise<unknown> {
    const meetingId = socket.data.meetingId;
    if (!meetingId) return refuse(notOpen);
    try {
      return await directory.run(meetingId, actor(), op);
    } catch (error) {
      const meta = directory.metaOf(socket.id);
      if (!(error instanceof Error && error.message === notOpen && meta)) throw error;
      await directory.run(meetingId, actor(), { op: "arrive", meta });
      return directory.run(meetingId, actor(), op);
    }
  }

  function leaveCurrentRoom() {
    const meetingId = socket.data.meetingId;
    if (!meetingId) return;
    const who = actor();
    void socket.leave(roomChannel(meetingId));
    for (const channel of socket.rooms) if (channel.startsWith(`${roomChannel(meetingId)}:`)) void socket.leave(channel);
    socket.data.meetingId = undefined;
    socket.data.facilitator = undefined;
    directory.left(socket.id);
    void directory.run(meetingId, who, { op: "depart" }).catch((error: unknown) => log.warn({ err: error, meetingId }, "a departure did not reach the room"));
  }

  /** This socket's person as `may` sees them in a community (joining, and re-checking later); null when the account is gone. */
  async function standingIn(community: { id: string; visibility: CommunityVisibility }) {
    const user = await services.db.selectFrom("users").select("network_role").where("id", "=", socket.data.userId).executeTakeFirst();
    if (!user) return null;
    return {
      actor: { id: socket.data.userId, networkRole: user.network_role },
      scope: { role: await getMembershipRole(services.db, community.id, socket.data.userId), visibility: community.visibility },
    };
  }

  on("ping", "general", () => ({ serverTime: Date.now() }));

  on("room:join", "general", async ({ seriesId, key }): Promise<RoomSnapshot> => {
    const { db } = services;
    const found = await findOccurrence(db, seriesId, key);
    if (!found?.occurrence) return refuse("There is no meeting here.");
    const { series, community, occurrence } = found;
    const standing = await standingIn(community);
    if (!standing) return refuse("Your account is not available.");
    const { actor: person, scope } = standing;
    if (!may(person, "meeting.view", scope)) return refuse("This room is for the community's members.");
    if (occurrence.status === "cancelled") return refuse("This meeting is cancelled.");
    const facilitator = may(person, "meeting.manage", scope);
    if (!roomIsOpen(occurrence.startsAt, occurrence.endsAt, Date.now(), facilitator)) {
      return refuse(Date.now() < Date.parse(occurrence.startsAt) ? "This room opens ten minutes before the meeting starts." : "This meeting is over; its room has closed. Its summary is on the meeting page.");
    }

    const meetingId = await ensureMeetingRow(db, occurrence);
    if (socket.data.meetingId && socket.data.meetingId !== meetingId) leaveCurrentRoom();
    const meta = {
      meetingId,
      seriesId: series.id,
      key,
      communityId: community.id,
      communityName: community.name,
      title: occurrence.title,
      videoUrl: occurrence.videoUrl,
      agenda: occurrence.agenda,
    };
    socket.data.meetingId = meetingId;
    socket.data.facilitator = facilitator;
    directory.joined(meetingId, actor(), meta);
    await socket.join(roomChannel(meetingId));
    if (facilitator) await socket.join(facilitatorChannel(meetingId));
    let arrival: Arrival;
    try {
      arrival = (await directory.run(meetingId, actor(), { op: "arrive", meta })) as Arrival;
    } catch (error) {
      // Not in the room after all (its owner did not answer, say): in no channel of it either.
      leaveCurrentRoom();
      throw error;
    }
    if (arrival.groupId) await socket.join(groupChannel(meetingId, arrival.groupId));
    // Gone while joining: their "disconnect" came before they were in the room, so leave now,
    // or they would stay present (and get turns in rounds) for ever.
    if (socket.disconnected) {
      leaveCurrentRoom();
      return refuse("You left while joining.");
    }
    // A facilitator reads every group's chat; a member their own group's.
    const groups = facilitator ? (arrival.state.breakouts?.groups ?? []).map((g) => g.id) : arrival.groupId ? [arrival.groupId] : [];
    const chat = [...(await recentChat(db, meetingId, null))];
    for (const g of groups) chat.push(...(await recentChat(db, meetingId, g)));
    return {
      meetingId,
      title: occurrence.title,
      communityName: community.name,
      videoUrl: occurrence.videoUrl,
      agenda: occurrence.agenda,
      me: { userId: socket.data.userId, facilitator },
      state: arrival.state,
      people: arrival.people,
      chat,
      canvases: (await listCanvases(db, community.id)).map((c) => ({ id: c.id, title: c.title })),
      serverTime: Date.now(),
    };
  });

  on("room:leave", "general", () => {
    leaveCurrentRoom();
    return undefined;
  });

  const presence = async (op: Extract<RoomOp, { op: "status" | "brb" }>) => {
    if (!socket.data.meetingId) return refuse(notOpen);
    await directory.run(socket.data.meetingId, actor(), op);
    return undefined;
  };
  on("presence:status", "general", ({ status }) => presence({ op: "status", status }));
  on("presence:brb", "general", ({ on }) => presence({ op: "brb", on }));

  for (const event of Object.keys(roomCommands) as RoomEvent[]) {
    on(event, roomCommands[event].limit ?? "general", (payload) => inRoom({ op: "event", event, payload }) as never);
  }

  // Access that ends ends now: a signed-out person's connections close, and someone who left or
  // was removed from the community is taken out of its room (a facilitator who is one no longer
  // loses the controls). With several nodes, the change reaches every node (server/cluster/relays.ts).
  const stopListening = services.access.listen(async (change) => {
    if (change.kind === "signed-out") {
      if (!sessionEnded(change, socket.data.userId, socket.data.sessionId)) return;
      socket.emit("room:closed", { reason: "You signed out. Sign in again to come back to the room." });
      socket.disconnect(true);
      return;
    }
    if (change.userId && change.userId !== socket.data.userId) return;
    const meta = directory.metaOf(socket.id);
    if (!meta || (change.communityId && change.communityId !== meta.communityId)) return;
    const community = await getCommunity(services.db, meta.communityId);
    const standing = community ? await standingIn(community) : null;
    if (!standing || !may(standing.actor, "meeting.view", standing.scope)) {
      leaveCurrentRoom();
      socket.emit("room:closed", { reason: "You are no longer a member of this community, so this room has closed for you." });
      return;
    }
    socket.data.facilitator = may(standing.actor, "meeting.manage", standing.scope);
    directory.joined(meta.meetingId, actor(), meta);
    // Someone who no longer facilitates stops hearing the breakout groups' chats.
    if (!socket.data.facilitator) await socket.leave(facilitatorChannel(meta.meetingId));
  });

  socket.on("disconnect", () => {
    stopListening();
    leaveCurrentRoom();
  });
}
