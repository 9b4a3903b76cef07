// Every Socket.io event of the platform, declared once with the zod schema of its payload.
// Server and browser import these types; no event name is written anywhere else.
import { z } from "zod";
import type { ChatMessage, Person, PresenceStatus, Reaction, RoomSnapshot, RoomState } from "./room/state";
import { reactions } from "./room/state";
import { domainIds } from "./domains";

/** A map's loop as a live room offers it for a round (read aloud by the server). */
export interface LoopReading {
  key: string;
  label: string;
  name?: string;
  kind: "R" | "B" | "U";
  reading: string;
}

const id = z.string().min(1).max(64);
const groupId = id.optional();
const empty = z.object({}).strict();

/** Payload schemas of the events clients send, by event name. */
export const clientEventSchemas = {
  ping: empty,
  "room:join": z.object({ seriesId: id, key: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
  "room:leave": empty,
  "presence:status": z.object({ status: z.enum(["here", "away"]) }).strict(),
  "phase:set": z.object({ index: z.number().int().min(0).max(20) }).strict(),
  "round:start": z
    .object({
      prompt: z.string().trim().min(1).max(200),
      order: z.enum(["join", "shuffle"]),
      timeboxSeconds: z.number().int().min(15).max(900).nullable(),
      groupId,
      /** A loop of a map as the round's prompt: the server reads the loop aloud before `prompt`. */
      loop: z.object({ canvasId: id, loopKey: z.string().min(1).max(4000) }).strict().optional(),
    })
    .strict(),
  "round:pass": z.object({ outcome: z.enum(["spoke", "passed"]), groupId }).strict(),
  "round:skip": z.object({ groupId }).strict(),
  "round:takeBack": z.object({ groupId }).strict(),
  "round:giveBack": z.object({ groupId }).strict(),
  "round:reorder": z.object({ waiting: z.array(id).max(300), groupId }).strict(),
  "round:end": z.object({ groupId }).strict(),
  "hand:raise": empty,
  "hand:lower": z.object({ userId: id.optional() }).strict(),
  "hand:callNext": empty,
  "hand:clearFloor": empty,
  "presence:brb": z.object({ on: z.boolean() }).strict(),
  "timer:set": z.object({ seconds: z.number().int().min(1).max(7200) }).strict(),
  "timer:start": empty,
  "timer:pause": empty,
  "timer:reset": empty,
  "chat:send": z.object({ text: z.string().trim().min(1).max(1000), groupId }).strict(),
  "chat:hide": z.object({ messageId: id }).strict(),
  "reaction:send": z.object({ reaction: z.enum(reactions) }).strict(),
  "breakout:start": z
    .object({
      plan: z.discriminatedUnion("mode", [
        z.object({ mode: z.literal("groups"), count: z.number().int().min(2).max(50) }).strict(),
        z.object({ mode: z.literal("size"), size: z.number().int().min(2).max(50) }).strict(),
        z.object({ mode: z.literal("manual"), groups: z.array(z.array(id).max(300)).min(2).max(50) }).strict(),
      ]),
      minutes: z.number().int().min(1).max(120),
      withCanvases: z.boolean().optional(),
    })
    .strict(),
  "breakout:end": empty,
  "canvas:new": z.object({ title: z.string().trim().min(2).max(120) }).strict(),
  "canvas:loops": z.object({ canvasId: id }).strict(),
  "spotlight:set": z.object({ userId: id.nullable() }).strict(),
  "focus:set": z
    .object({
      focus: z.object({ kind: z.enum(["canvas", "resource"]), target: z.string().min(1).max(500), label: z.string().trim().min(1).max(100) }).strict().nullable(),
    })
    .strict(),
  "room:end": empty,
  /** A mindful pause for the whole room, everyone's timer from the same server instant. */
  "pause:start": z.object({ seconds: z.union([z.literal(60), z.literal(180), z.literal(300)]) }).strict(),
  "pause:end": empty,
  /** A reflection prompt offered at the end of a session; each person may open a journal entry with it. */
  "reflection:offer": z.object({ domain: z.enum(domainIds), prompt: z.string().trim().min(1).max(300) }).strict(),
  "reflection:clear": empty,
} as const;

export type ClientEvent = keyof typeof clientEventSchemas;
export type ClientPayload<E extends ClientEvent> = z.infer<(typeof clientEventSchemas)[E]>;

/** What a successful acknowledgement carries, for the events that answer with data. */
export interface ClientReplies {
  ping: { serverTime: number };
  "canvas:new": { canvasId: string };
  "canvas:loops": { loops: LoopReading[] };
  "room:join": RoomSnapshot;
  "chat:send": { id: string };
}
export type ClientReply<E extends ClientEvent> = E extends keyof ClientReplies ? ClientReplies[E] : undefined;

/**
 * The acknowledgement every client event receives: done, or a clear refusal. `retry`: nothing
 * changed because of a failure on the server's side, and asking again may succeed.
 */
export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; error: string; retry?: true };

export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: ClientPayload<E>, ack: (reply: Ack<ClientReply<E>>) => void) => void;
};

export interface ServerToClientEvents {
  welcome: (payload: { userId: string; name: string }) => void;
  "room:state": (state: RoomState) => void;
  "presence:joined": (person: Person) => void;
  "presence:left": (payload: { userId: string }) => void;
  "presence:status": (payload: { userId: string; status: PresenceStatus }) => void;
  "chat:message": (message: ChatMessage) => void;
  "chat:hidden": (payload: { messageId: string }) => void;
  /** Reactions gathered over a short frame: one message however many people reacted. */
  reactions: (payload: { counts: Partial<Record<Reaction, number>> }) => void;
  "room:closed": (payload: { reason: string }) => void;
}

export interface SocketData {
  userId: string;
  name: string;
  sessionId: string;
  /** The live room this socket is in, once it has joined one. */
  meetingId?: string;
  /** Whether the person holds the facilitator controls in that room. */
  facilitator?: boolean;
}
