// Socket.io handlers of live rooms. Each event's payload is checked against its schema in
// shared/events.ts, rate-limited per person, authorized, applied through shared/room, stored
// and only then acknowledged. A refused event changes nothing and says why.
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Socket } from "socket.io";
import { getCommunity, getMembershipRole } from "../../db/queries/communities";
import type { CommunityVisibility } from "../../db/schema";
import { ensureMeetingRow, findOccurrence } from "../../db/queries/meetings";
import { hideChatMessage, insertChatMessage, recentChat } from "../../db/queries/rooms";
import { createCanvas, getCanvas, listCanvases } from "../../db/queries/canvases";
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
import { newId } from "../../shared/ids";
import { may } from "../../shared/permissions";
import { callNext, clearFloor, lowerHand, raiseHand } from "../../shared/room/hands";
import { endRound, giveBack, passPiece, reorder, skipTurn, startRound, takeBack } from "../../shared/room/round";
import type { RoomSnapshot } from "../../shared/room/state";
import { roomIsOpen } from "../../shared/room/window";
import { pauseTimer, resetTimer, setTimer, startTimer } from "../../shared/room/timer";
import { sessionEnded } from "../accessEvents";
import type { Logger } from "../logger";
import type { Services } from "../services";
import type { LiveRoom } from "./liveRoom";
import type { RoomRegistry } from "./registry";

export type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const roomChannel = (meetingId: string) => `room:${meetingId}`;
export const groupChannel = (meetingId: string, groupId: string) => `room:${meetingId}:${groupId}`;
/** Facilitators hear every breakout group's chat, so they can visit any group. */
export const facilitatorChannel = (meetingId: string) => `room:${meetingId}:facilitators`;

class Refusal extends Error {}
const refuse = (message: string): never => {
  throw new Refusal(message);
};

type Limit = "chat" | "reaction" | "hand" | "general";
export type RoomLimiters = Record<Limit, RateLimiterMemory>;

/** Rate limits per person (not per connection: more tabs do not mean more sends), one set per server. */
export function roomLimiters(): RoomLimiters {
  return {
    chat: new RateLimiterMemory({ keyPrefix: "chat", points: 5, duration: 5 }),
    reaction: new RateLimiterMemory({ keyPrefix: "reaction", points: 8, duration: 2 }),
    hand: new RateLimiterMemory({ keyPrefix: "hand", points: 6, duration: 10 }),
    general: new RateLimiterMemory({ keyPrefix: "general", points: 40, duration: 10 }),
  };
}

interface Handling {
  room: LiveRoom;
  userId: string;
  now: number;
}

export function registerRoomHandlers(socket: RoomSocket, services: Services, rooms: RoomRegistry, limiters: RoomLimiters, log: Logger): void {
  const user = () => ({ userId: socket.data.userId, name: socket.data.name });

  /** Wires one event: validation, rate limit, room and role checks, errors, acknowledgement. */
  function on<E extends ClientEvent>(
    event: E,
    options: { limit?: Limit; inRoom?: boolean; facilitator?: boolean },
    handler: (payload: ClientPayload<E>, h: Handling) => Promise<ClientReply<E>> | ClientReply<E>,
  ): void {
    const listener = async (payload: unknown, ack: unknown) => {
      const reply = (typeof ack === "function" ? ack : () => {}) as (r: Ack<ClientReply<E>>) => void;
      try {
        const parsed = clientEventSchemas[event].safeParse(payload ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          refuse(`That ${event} request was not understood (${issue.path.join(".") || "payload"}: ${issue.message}).`);
        }
        try {
          await limiters[options.limit ?? "general"].consume(socket.data.userId);
        } catch {
          refuse("You are sending too quickly. Please wait a moment.");
        }
        let room: LiveRoom | undefined;
        if (options.inRoom !== false) {
          room = socket.data.meetingId ? await rooms.get(socket.data.meetingId) : undefined;
          if (!room) refuse("Join the room first.");
          if (room!.state.endedAt !== null) refuse("This session has ended.");
          if (options.facilitator && !socket.data.facilitator) refuse("Only a facilitator can do that.");
        }
        const data = await handler(parsed.data as ClientPayload<E>, { room: room!, userId: socket.data.userId, now: Date.now() });
        reply({ ok: true, data });
      } catch (error) {
        if (error instanceof Refusal) {
          log.warn({ event, userId: socket.data.userId, reason: error.message }, "room event refused");
          reply({ ok: false, error: error.message });
        } else {
          log.error({ err: error, event, userId: socket.data.userId }, "room event failed");
          reply({ ok: false, error: "Something went wrong on our side. Nothing in the room changed." });
        }
      }
    };
    socket.on(event, listener as never);
  }

  const check = (error: string | null) => {
    if (error) refuse(error);
  };

  /** Round actions in a breakout group are open to its members; in the whole room, to facilitators. */
  const mayRunRound = (room: LiveRoom, groupId: string | undefined) => {
    if (socket.data.facilitator) return;
    if (groupId && room.groupFor(socket.data.userId)?.id === groupId) return;
    refuse(groupId ? "Only members of that group can do that." : "Only a facilitator can do that.");
  };

  function leaveCurrentRoom() {
    const meetingId = socket.data.meetingId;
    if (!meetingId) return;
    void socket.leave(roomChannel(meetingId));
    for (const channel of socket.rooms) if (channel.startsWith(`${roomChannel(meetingId)}:`)) void socket.leave(channel);
    socket.data.meetingId = undefined;
    socket.data.facilitator = undefined;
    void rooms.get(meetingId).then((room) => room?.depart(socket.id, socket.data.userId, () => rooms.scheduleEviction(meetingId)));
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

  on("ping", { inRoom: false }, () => ({ serverTime: Date.now() }));

  on("room:join", { inRoom: false }, async ({ seriesId, key }): Promise<RoomSnapshot> => {
    const { db } = services;
    const found = await findOccurrence(db, seriesId, key);
    if (!found?.occurrence) return refuse("There is no meeting here.");
    const { series, community, occurrence } = found;
    const standing = await standingIn(community);
    if (!standing) return refuse("Your account is not available.");
    const { actor, scope } = standing;
    if (!may(actor, "meeting.view", scope)) return refuse("This room is for the community's members.");
    if (occurrence.status === "cancelled") return refuse("This meeting is cancelled.");
    const facilitator = may(actor, "meeting.manage", scope);
    if (!roomIsOpen(occurrence.startsAt, occurrence.endsAt, Date.now(), facilitator)) {
      return refuse(Date.now() < Date.parse(occurrence.startsAt) ? "This room opens ten minutes before the meeting starts." : "This meeting is over; its room has closed. Its summary is on the meeting page.");
    }

    const meetingId = await ensureMeetingRow(db, occurrence);
    if (socket.data.meetingId && socket.data.meetingId !== meetingId) leaveCurrentRoom();
    const room = await rooms.open({
      meetingId,
      seriesId: series.id,
      key,
      communityId: community.id,
      communityName: community.name,
      title: occurrence.title,
      videoUrl: occurrence.videoUrl,
      agenda: occurrence.agenda,
    });
    socket.data.meetingId = meetingId;
    socket.data.facilitator = facilitator;
    await socket.join(roomChannel(meetingId));
    if (facilitator) await socket.join(facilitatorChannel(meetingId));
    const group = room.groupFor(socket.data.userId);
    if (group) await socket.join(groupChannel(meetingId, group.id));
    await room.arrive(socket.id, { userId: socket.data.userId, name: socket.data.name, role: facilitator ? "facilitator" : "member" }, Date.now());
    // Gone while joining: their "disconnect" came before they were in the room, so leave now,
    // or they would stay present (and get turns in rounds) for ever.
    if (socket.disconnected) {
      leaveCurrentRoom();
      return refuse("You left while joining.");
    }
    // A facilitator reads every group's chat; a member their own group's.
    const groups = facilitator ? (room.state.breakouts?.groups ?? []) : group ? [group] : [];
    const chat = [...(await recentChat(db, meetingId, null))];
    for (const g of groups) chat.push(...(await recentChat(db, meetingId, g.id)));
    return {
      meetingId,
      title: occurrence.title,
      communityName: community.name,
      videoUrl: occurrence.videoUrl,
      agenda: occurrence.agenda,
      me: { userId: socket.data.userId, facilitator },
      state: room.state,
      people: room.people,
      chat,
      canvases: (await listCanvases(db, community.id)).map((c) => ({ id: c.id, title: c.title })),
      serverTime: Date.now(),
    };
  });

  on("room:leave", { inRoom: false }, () => {
    leaveCurrentRoom();
    return undefined;
  });

  on("presence:status", {}, ({ status }, { room, userId }) => {
    room.setStatus(socket.id, userId, status);
    return undefined;
  });

  on("phase:set", { facilitator: true }, async ({ index }, { room, now }) => {
    check(await room.setPhase(index, now));
    return undefined;
  });

  on("round:start", {}, async ({ prompt, order, timeboxSeconds, groupId }, { room, now }) => {
    mayRunRound(room, groupId);
    check(
      await room.changeRound(groupId, (current, present) => {
        if (current && current.endedAt === null) return { ok: false, error: "A round is already under way. End it first." };
        const ids = groupId ? room.state.breakouts!.groups.find((g) => g.id === groupId)!.members.filter((id) => present.has(id)) : room.presentIds;
        return startRound({ id: newId(), prompt, present: ids, order, timeboxSeconds, now });
      }),
    );
    return undefined;
  });

  const withRound = (round: Parameters<typeof endRound>[0] | null) => round ?? refuse("No round is under way.");

  on("round:pass", {}, async ({ outcome, groupId }, { room, userId, now }) => {
    check(await room.changeRound(groupId, (round, present) => passPiece(withRound(round), userId, outcome, present, now)));
    return undefined;
  });
  on("round:skip", {}, async ({ groupId }, { room, now }) => {
    mayRunRound(room, groupId);
    check(await room.changeRound(groupId, (round, present) => skipTurn(withRound(round), present, now)));
    return undefined;
  });
  on("round:takeBack", { facilitator: true }, async ({ groupId }, { room, now }) => {
    check(await room.changeRound(groupId, (round) => takeBack(withRound(round), now)));
    return undefined;
  });
  on("round:giveBack", { facilitator: true }, async ({ groupId }, { room, now }) => {
    check(await room.changeRound(groupId, (round, present) => giveBack(withRound(round), present, now)));
    return undefined;
  });
  on("round:reorder", { facilitator: true }, async ({ waiting, groupId }, { room }) => {
    check(await room.changeRound(groupId, (round) => reorder(withRound(round), waiting)));
    return undefined;
  });
  on("round:end", {}, async ({ groupId }, { room, now }) => {
    mayRunRound(room, groupId);
    check(await room.changeRound(groupId, (round) => endRound(withRound(round), now)));
    return undefined;
  });

  on("hand:raise", { limit: "hand" }, async (_payload, { room, userId }) => {
    check(await room.update((s) => ({ ...s, hands: raiseHand(s.hands, userId) })));
    return undefined;
  });
  on("hand:lower", { limit: "hand" }, async ({ userId: other }, { room, userId }) => {
    if (other && other !== userId && !socket.data.facilitator) refuse("Only a facilitator can lower someone else's hand.");
    check(await room.update((s) => ({ ...s, hands: lowerHand(s.hands, other ?? userId) })));
    return undefined;
  });
  on("hand:clearFloor", { facilitator: true }, async (_payload, { room }) => {
    check(await room.update((s) => ({ ...s, hands: clearFloor(s.hands) })));
    return undefined;
  });

  on("presence:brb", {}, ({ on }, { room, userId }) => {
    room.setBrb(userId, on);
    return undefined;
  });

  on("hand:callNext", { facilitator: true }, async (_payload, { room }) => {
    check(await room.update((s) => ({ ...s, hands: callNext(s.hands) })));
    return undefined;
  });

  on("timer:set", { facilitator: true }, async ({ seconds }, { room }) => {
    check(await room.update((s) => ({ ...s, timer: setTimer(seconds) })));
    return undefined;
  });
  on("timer:start", { facilitator: true }, async (_p, { room, now }) => {
    check(await room.update((s) => ({ ...s, timer: startTimer(s.timer, now) })));
    return undefined;
  });
  on("timer:pause", { facilitator: true }, async (_p, { room, now }) => {
    check(await room.update((s) => ({ ...s, timer: pauseTimer(s.timer, now) })));
    return undefined;
  });
  on("timer:reset", { facilitator: true }, async (_p, { room }) => {
    check(await room.update((s) => ({ ...s, timer: resetTimer(s.timer) })));
    return undefined;
  });

  on("chat:send", { limit: "chat" }, async ({ text, groupId: visiting }, { room, userId, now }) => {
    // A member writes in their own circle; a facilitator in the main room, or in a group they visit.
    const group = socket.data.facilitator ? (visiting ? (room.state.breakouts?.groups.find((g) => g.id === visiting) ?? null) : null) : room.groupFor(userId);
    if (visiting && group?.id !== visiting) refuse("That breakout group is not meeting now.");
    const groupId = group?.id ?? null;
    const id = await insertChatMessage(services.db, { meetingId: room.meta.meetingId, userId, text, groupId, createdAt: now });
    const channel = groupId ? [groupChannel(room.meta.meetingId, groupId), facilitatorChannel(room.meta.meetingId)] : roomChannel(room.meta.meetingId);
    socket.nsp.to(channel).emit("chat:message", { id, userId, name: user().name, text, groupId, createdAt: now, hidden: false });
    return { id };
  });
  on("chat:hide", { facilitator: true }, async ({ messageId }, { room, userId }) => {
    const hidden = await hideChatMessage(services.db, room.meta.meetingId, messageId, userId);
    if (!hidden) refuse("There is no such message in this room.");
    const channel = hidden!.groupId ? [groupChannel(room.meta.meetingId, hidden!.groupId), facilitatorChannel(room.meta.meetingId)] : roomChannel(room.meta.meetingId);
    socket.nsp.to(channel).emit("chat:hidden", { messageId });
    return undefined;
  });

  on("reaction:send", { limit: "reaction" }, ({ reaction }, { room }) => {
    room.react(reaction);
    return undefined;
  });

  const newMeetingCanvas = async (room: LiveRoom, title: string) =>
    (await createCanvas(services.db, { communityId: room.meta.communityId, meetingId: room.meta.meetingId, title, createdBy: socket.data.userId })).id;

  on("breakout:start", { facilitator: true }, async ({ plan, minutes, withCanvases }, { room, now }) => {
    const canvasFor = withCanvases ? (groupName: string) => newMeetingCanvas(room, `${room.meta.title} · ${groupName}`) : undefined;
    check(await room.startBreakouts(plan, minutes, now, canvasFor));
    return undefined;
  });
  on("breakout:end", { facilitator: true }, async (_p, { room, now }) => {
    check(await room.endBreakouts(now));
    return undefined;
  });

  on("spotlight:set", { facilitator: true }, async ({ userId: target }, { room }) => {
    check(await room.update((s) => (target && !room.isPresent(target) ? "That person is not in the room." : { ...s, spotlight: target })));
    return undefined;
  });
  on("focus:set", { facilitator: true }, async ({ focus }, { room }) => {
    if (focus && focus.kind === "resource" && !/^https:\/\//.test(focus.target)) refuse("A resource must be an https:// link.");
    if (focus && focus.kind === "canvas") {
      const canvas = await getCanvas(services.db, focus.target);
      if (!canvas || canvas.community_id !== room.meta.communityId) refuse("That map is not one of this community's.");
    }
    check(await room.update((s) => ({ ...s, focus })));
    return undefined;
  });

  on("canvas:new", { facilitator: true }, async ({ title }, { room }) => {
    const canvasId = await newMeetingCanvas(room, title);
    check(await room.update((s) => ({ ...s, focus: { kind: "canvas", target: canvasId, label: title } })));
    return { canvasId };
  });

  on("room:end", { facilitator: true }, async (_p, { room, now }) => {
    await room.end(now);
    socket.nsp.to(roomChannel(room.meta.meetingId)).emit("room:closed", { reason: "The facilitator ended the session. Thank you for being here." });
    return undefined;
  });

  // Access that ends ends now: a signed-out person's connections close, and someone who left or
  // was removed from the community is taken out of its room (a facilitator who is one no longer
  // loses the controls).
  const stopListening = services.access.listen(async (change) => {
    if (change.kind === "signed-out") {
      if (!sessionEnded(change, socket.data.userId, socket.data.sessionId)) return;
      socket.emit("room:closed", { reason: "You signed out. Sign in again to come back to the room." });
      socket.disconnect(true);
      return;
    }
    if (change.userId && change.userId !== socket.data.userId) return;
    const meetingId = socket.data.meetingId;
    const room = meetingId ? await rooms.get(meetingId) : undefined;
    if (!room || (change.communityId && change.communityId !== room.meta.communityId)) return;
    const community = await getCommunity(services.db, room.meta.communityId);
    const standing = community ? await standingIn(community) : null;
    if (!standing || !may(standing.actor, "meeting.view", standing.scope)) {
      leaveCurrentRoom();
      socket.emit("room:closed", { reason: "You are no longer a member of this community, so this room has closed for you." });
      return;
    }
    socket.data.facilitator = may(standing.actor, "meeting.manage", standing.scope);
    // Someone who no longer facilitates stops hearing the breakout groups' chats.
    if (!socket.data.facilitator) await socket.leave(facilitatorChannel(room.meta.meetingId));
  });

  socket.on("disconnect", () => {
    stopListening();
    leaveCurrentRoom();
  });
}
