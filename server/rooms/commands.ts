// What a live room does for each client event, run by the room's one writer: this node on its own,
// or, with several nodes, the node holding the room's lease (decision 0017), to which the others
// forward the event. Everything here is data in and data out (the actor, the payload already
// checked against its schema), so an event may have come from a socket on any node; broadcasts go
// through Socket.io's adapter, which reaches every node's sockets.
import { createCanvas, getCanvas } from "../../db/queries/canvases";
import { hideChatMessage, insertChatMessage } from "../../db/queries/rooms";
import type { ClientEvent, ClientPayload, ClientReply } from "../../shared/events";
import { newId } from "../../shared/ids";
import { callNext, clearFloor, lowerHand, raiseHand } from "../../shared/room/hands";
import { endRound, giveBack, passPiece, reorder, skipTurn, startRound, takeBack } from "../../shared/room/round";
import { pauseTimer, resetTimer, setTimer, startTimer } from "../../shared/room/timer";
import type { IoServer } from "../realtime/io";
import type { Services } from "../services";
import { loopReadings } from "../canvasDiagram";
import type { LoopReading } from "../../shared/events";
import type { LiveRoom } from "./liveRoom";

export const roomChannel = (meetingId: string) => `room:${meetingId}`;
export const groupChannel = (meetingId: string, groupId: string) => `room:${meetingId}:${groupId}`;
/** Facilitators hear every breakout group's chat, so they can visit any group. */
export const facilitatorChannel = (meetingId: string) => `room:${meetingId}:facilitators`;

/** A request refused in words for the person who made it; nothing changed. */
export class Refusal extends Error {
  override name = "Refusal";
}
export const refuse = (message: string): never => {
  throw new Refusal(message);
};

/** Who asks, as the node their socket is on knows them. */
export interface Actor {
  socketId: string;
  userId: string;
  name: string;
  facilitator: boolean;
  /** The node the socket is on (multi-node mode). */
  nodeId?: string;
}

export interface CommandContext {
  room: LiveRoom;
  actor: Actor;
  now: number;
  services: Services;
  io: IoServer;
}

export type Limit = "chat" | "reaction" | "hand" | "general";

/** The events that act on a room once someone is in it (joining, leaving and presence are the directory's). */
export type RoomEvent = Exclude<ClientEvent, "ping" | "room:join" | "room:leave" | "presence:status" | "presence:brb">;

interface Command<E extends RoomEvent> {
  limit?: Limit;
  facilitator?: boolean;
  /** Resolves with the reply (nothing, for most events) once the change is stored and told. */
  run(payload: ClientPayload<E>, c: CommandContext): Promise<ClientReply<E> | void> | ClientReply<E> | void;
}

const check = (error: string | null) => {
  if (error) refuse(error);
};

/** Round actions in a breakout group are open to its members; in the whole room, to facilitators. */
const mayRunRound = ({ room, actor }: CommandContext, groupId: string | undefined) => {
  if (actor.facilitator) return;
  if (groupId && room.groupFor(actor.userId)?.id === groupId) return;
  refuse(groupId ? "Only members of that group can do that." : "Only a facilitator can do that.");
};

const withRound = (round: Parameters<typeof endRound>[0] | null) => round ?? refuse("No round is under way.");

const newMeetingCanvas = async ({ room, actor, services }: CommandContext, title: string) =>
  (await createCanvas(services.db, { communityId: room.meta.communityId, meetingId: room.meta.meetingId, title, createdBy: actor.userId })).id;

/** The loops of one of the room's community's maps, read aloud. */
async function loopsOf({ room, services }: CommandContext, canvasId: string) {
  const canvas = await getCanvas(services.db, canvasId);
  if (!canvas || canvas.community_id !== room.meta.communityId) refuse("That map is not one of this community's.");
  return loopReadings(services, canvasId);
}

async function loopOf(c: CommandContext, canvasId: string, loopKey: string) {
  return (await loopsOf(c, canvasId)).find((l) => l.key === loopKey) ?? refuse("That loop is no longer on the map.");
}

/** A loop as a round's prompt: its label and kind, its reading, then the facilitator's question. */
export function loopPrompt(loop: LoopReading, question: string): string {
  const kind = loop.kind === "R" ? "reinforcing" : loop.kind === "B" ? "balancing" : "unsigned";
  const reading = loop.reading.length > 600 ? `${loop.reading.slice(0, 599)}…` : loop.reading;
  return `Loop ${loop.label}${loop.name ? ` “${loop.name}”` : ""} (${kind}): ${reading} ${question}`;
}

export const roomCommands: { [E in RoomEvent]: Command<E> } = {
  "phase:set": { facilitator: true, run: async ({ index }, { room, now }) => check(await room.setPhase(index, now)) },

  "round:start": {
    run: async ({ prompt, order, timeboxSeconds, groupId, loop }, c) => {
      const { room, now } = c;
      mayRunRound(c, groupId);
      if (loop) prompt = loopPrompt(await loopOf(c, loop.canvasId, loop.loopKey), prompt);
      check(
        await room.changeRound(groupId, (current, present) => {
          if (current && current.endedAt === null) return { ok: false, error: "A round is already under way. End it first." };
          const ids = groupId ? room.state.breakouts!.groups.find((g) => g.id === groupId)!.members.filter((id) => present.has(id)) : room.presentIds;
          return startRound({ id: newId(), prompt, present: ids, order, timeboxSeconds, now });
        }),
      );
    },
  },
  "round:pass": {
    run: async ({ outcome, groupId }, { room, actor, now }) => check(await room.changeRound(groupId, (round, present) => passPiece(withRound(round), actor.userId, outcome, present, now))),
  },
  "round:skip": {
    run: async ({ groupId }, c) => {
      mayRunRound(c, groupId);
      check(await c.room.changeRound(groupId, (round, present) => skipTurn(withRound(round), present, c.now)));
    },
  },
  "round:takeBack": { facilitator: true, run: async ({ groupId }, { room, now }) => check(await room.changeRound(groupId, (round) => takeBack(withRound(round), now))) },
  "round:giveBack": { facilitator: true, run: async ({ groupId }, { room, now }) => check(await room.changeRound(groupId, (round, present) => giveBack(withRound(round), present, now))) },
  "round:reorder": { facilitator: true, run: async ({ waiting, groupId }, { room }) => check(await room.changeRound(groupId, (round) => reorder(withRound(round), waiting))) },
  "round:end": {
    run: async ({ groupId }, c) => {
      mayRunRound(c, groupId);
      check(await c.room.changeRound(groupId, (round) => endRound(withRound(round), c.now)));
    },
  },

  "hand:raise": { limit: "hand", run: async (_p, { room, actor }) => check(await room.update((s) => ({ ...s, hands: raiseHand(s.hands, actor.userId) }))) },
  "hand:lower": {
    limit: "hand",
    run: async ({ userId: other }, { room, actor }) => {
      if (other && other !== actor.userId && !actor.facilitator) refuse("Only a facilitator can lower someone else's hand.");
      check(await room.update((s) => ({ ...s, hands: lowerHand(s.hands, other ?? actor.userId) })));
    },
  },
  "hand:clearFloor": { facilitator: true, run: async (_p, { room }) => check(await room.update((s) => ({ ...s, hands: clearFloor(s.hands) }))) },
  "hand:callNext": { facilitator: true, run: async (_p, { room }) => check(await room.update((s) => ({ ...s, hands: callNext(s.hands) }))) },

  "timer:set": { facilitator: true, run: async ({ seconds }, { room }) => check(await room.update((s) => ({ ...s, timer: setTimer(seconds) }))) },
  "timer:start": { facilitator: true, run: async (_p, { room, now }) => check(await room.update((s) => ({ ...s, timer: startTimer(s.timer, now) }))) },
  "timer:pause": { facilitator: true, run: async (_p, { room, now }) => check(await room.update((s) => ({ ...s, timer: pauseTimer(s.timer, now) }))) },
  "timer:reset": { facilitator: true, run: async (_p, { room }) => check(await room.update((s) => ({ ...s, timer: resetTimer(s.timer) }))) },

  "chat:send": {
    limit: "chat",
    run: async ({ text, groupId: visiting }, { room, actor, now, services, io }) => {
      // A member writes in their own circle; a facilitator in the main room, or in a group they visit.
      const group = actor.facilitator ? (visiting ? (room.state.breakouts?.groups.find((g) => g.id === visiting) ?? null) : null) : room.groupFor(actor.userId);
      if (visiting && group?.id !== visiting) refuse("That breakout group is not meeting now.");
      const groupId = group?.id ?? null;
      const { meetingId } = room.meta;
      const id = await insertChatMessage(services.db, { meetingId, userId: actor.userId, text, groupId, createdAt: now });
      const channel = groupId ? [groupChannel(meetingId, groupId), facilitatorChannel(meetingId)] : roomChannel(meetingId);
      io.to(channel).emit("chat:message", { id, userId: actor.userId, name: actor.name, text, groupId, createdAt: now, hidden: false });
      return { id };
    },
  },
  "chat:hide": {
    facilitator: true,
    run: async ({ messageId }, { room, actor, services, io }) => {
      const { meetingId } = room.meta;
      const hidden = await hideChatMessage(services.db, meetingId, messageId, actor.userId);
      if (!hidden) return refuse("There is no such message in this room.");
      const channel = hidden.groupId ? [groupChannel(meetingId, hidden.groupId), facilitatorChannel(meetingId)] : roomChannel(meetingId);
      io.to(channel).emit("chat:hidden", { messageId });
    },
  },

  "reaction:send": { limit: "reaction", run: ({ reaction }, { room }) => room.react(reaction) },

  "breakout:start": {
    facilitator: true,
    run: async ({ plan, minutes, withCanvases }, c) => {
      const canvasFor = withCanvases ? (groupName: string) => newMeetingCanvas(c, `${c.room.meta.title} · ${groupName}`) : undefined;
      check(await c.room.startBreakouts(plan, minutes, c.now, canvasFor));
    },
  },
  "breakout:end": { facilitator: true, run: async (_p, { room, now }) => check(await room.endBreakouts(now)) },

  "spotlight:set": {
    facilitator: true,
    run: async ({ userId: target }, { room }) => check(await room.update((s) => (target && !room.isPresent(target) ? "That person is not in the room." : { ...s, spotlight: target }))),
  },
  "focus:set": {
    facilitator: true,
    run: async ({ focus }, { room, services }) => {
      if (focus && focus.kind === "resource" && !/^https:\/\//.test(focus.target)) refuse("A resource must be an https:// link.");
      if (focus && focus.kind === "canvas") {
        const canvas = await getCanvas(services.db, focus.target);
        if (!canvas || canvas.community_id !== room.meta.communityId) refuse("That map is not one of this community's.");
      }
      check(await room.update((s) => ({ ...s, focus })));
    },
  },

  "canvas:loops": {
    facilitator: true,
    run: async ({ canvasId }, c) => ({ loops: await loopsOf(c, canvasId) }),
  },

  "canvas:new": {
    facilitator: true,
    run: async ({ title }, c) => {
      const canvasId = await newMeetingCanvas(c, title);
      check(await c.room.update((s) => ({ ...s, focus: { kind: "canvas", target: canvasId, label: title } })));
      return { canvasId };
    },
  },

  "pause:start": { facilitator: true, run: async ({ seconds }, { room, now }) => check(await room.update((s) => ({ ...s, pause: { startedAt: now, seconds } }))) },
  "pause:end": { facilitator: true, run: async (_p, { room }) => check(await room.update((s) => ({ ...s, pause: null }))) },
  "reflection:offer": {
    facilitator: true,
    run: async ({ domain, prompt }, { room, now }) => check(await room.update((s) => ({ ...s, reflection: { domain, prompt, offeredAt: now } }))),
  },
  "reflection:clear": { facilitator: true, run: async (_p, { room }) => check(await room.update((s) => ({ ...s, reflection: null }))) },

  "room:end": {
    facilitator: true,
    run: async (_p, { room, now, io }) => {
      await room.end(now);
      io.to(roomChannel(room.meta.meetingId)).emit("room:closed", { reason: "The facilitator ended the session. Thank you for being here." });
    },
  },
};

/** Runs one event on a room this node holds, with the checks every room event has. */
export async function runRoomCommand<E extends RoomEvent>(event: E, payload: ClientPayload<E>, c: CommandContext): Promise<ClientReply<E>> {
  const command = roomCommands[event] as Command<E>;
  if (c.room.state.endedAt !== null) refuse("This session has ended.");
  if (command.facilitator && !c.actor.facilitator) refuse("Only a facilitator can do that.");
  return (await command.run(payload, c)) as ClientReply<E>;
}
