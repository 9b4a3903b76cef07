// A participant in a live room over a real Socket.io connection, keeping the room as a
// browser would: the snapshot from joining, then every event applied to it.
import { io as connect, type Socket } from "socket.io-client";
import type { DB } from "../../db/connect";
import { createSeries, occurrencesInWindow } from "../../db/queries/meetings";
import { defaultAgenda } from "../../shared/agenda";
import { randomString } from "../../shared/ids";
import { defaultTimezone, recurrencePresets, utcToLocal } from "../../shared/recurrence";
import type { Ack, ClientEvent, ClientPayload, ClientReply, ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import type { ChatMessage, Person, Reaction, RoomSnapshot, RoomState } from "../../shared/room/state";
import { Visitor } from "./server";

export interface MeetingRef {
  seriesId: string;
  key: string;
}

/**
 * A one-off meeting of the community that started five minutes ago, so its room is open (rooms
 * open ten minutes before a meeting and close an hour after it), planned by the community's founder.
 */
export async function meetingNow(server: { services: { db: DB } }, slug: string, durationMinutes = 90): Promise<MeetingRef> {
  const { db } = server.services;
  const community = await db.selectFrom("communities").select(["id", "created_by"]).where("slug", "=", slug).executeTakeFirstOrThrow();
  const series = await createSeries(db, {
    communityId: community.id,
    title: `Circle ${randomString(6)}`,
    description: "",
    startLocal: utcToLocal(new Date(Date.now() - 5 * 60_000), defaultTimezone),
    timezone: defaultTimezone,
    durationMinutes,
    rrule: recurrencePresets.once.rrule,
    videoUrl: null,
    agenda: defaultAgenda,
    createdBy: community.created_by,
  });
  const [now] = await occurrencesInWindow(db, [series], new Date(Date.now() - 60 * 60_000), new Date(Date.now() + 60 * 60_000));
  return { seriesId: now.seriesId, key: now.key };
}

export class Participant {
  socket!: Socket<ServerToClientEvents, ClientToServerEvents>;
  snapshot: RoomSnapshot | null = null;
  state: RoomState | null = null;
  people = new Map<string, Person>();
  chat: ChatMessage[] = [];
  reactionFrames: Partial<Record<Reaction, number>>[] = [];
  departures: string[] = [];
  closed: string | null = null;

  private constructor(
    readonly server: { url: string },
    readonly cookie: string,
    readonly transport: "websocket" | "polling" = "websocket",
  ) {}

  /** A participant connecting with a browser's session cookie. */
  static async withCookie(server: { url: string }, cookie: string): Promise<Participant> {
    const participant = new Participant(server, cookie);
    await participant.connect();
    return participant;
  }

  /** A signed-in participant; `polling` keeps to HTTP long-polling, as behind a proxy without WebSockets. */
  static async signIn(server: { url: string }, email: string, transport: "websocket" | "polling" = "websocket"): Promise<Participant> {
    const visitor = new Visitor(server.url);
    await visitor.signIn(email);
    const participant = new Participant(server, visitor.cookieHeader, transport);
    await participant.connect();
    return participant;
  }

  async connect(): Promise<void> {
    this.socket = connect(this.server.url, { transports: [this.transport], reconnection: false, extraHeaders: { cookie: this.cookie }, forceNew: true });
    this.socket.on("room:state", (state) => (this.state = state));
    this.socket.on("presence:joined", (person) => this.people.set(person.userId, person));
    this.socket.on("presence:status", ({ userId, status }) => {
      const person = this.people.get(userId);
      if (person) this.people.set(userId, { ...person, status });
    });
    this.socket.on("presence:left", ({ userId }) => {
      this.people.delete(userId);
      this.departures.push(userId);
    });
    this.socket.on("chat:message", (message) => {
      if (!this.chat.some((m) => m.id === message.id)) this.chat.push(message);
    });
    this.socket.on("chat:hidden", ({ messageId }) => (this.chat = this.chat.map((m) => (m.id === messageId ? { ...m, hidden: true, text: "" } : m))));
    this.socket.on("reactions", ({ counts }) => this.reactionFrames.push(counts));
    this.socket.on("room:closed", ({ reason }) => (this.closed = reason));
    await new Promise<void>((resolve, reject) => {
      this.socket.once("welcome", () => resolve());
      this.socket.once("connect_error", reject);
    });
  }

  send<E extends ClientEvent>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientReply<E>>> {
    return (this.socket.timeout(5000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<ClientReply<E>>> }).emitWithAck(event, payload);
  }

  /** Sends anything at all, as a misbehaving client might. */
  sendRaw(event: string, payload: unknown): Promise<Ack<unknown>> {
    return (this.socket.timeout(5000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<unknown>> }).emitWithAck(event, payload);
  }

  async join(meeting: MeetingRef): Promise<Ack<RoomSnapshot>> {
    const reply = await this.send("room:join", meeting);
    if (reply.ok) {
      this.snapshot = reply.data;
      this.state = reply.data.state;
      this.people = new Map(reply.data.people.map((p) => [p.userId, p]));
      for (const message of reply.data.chat) if (!this.chat.some((m) => m.id === message.id)) this.chat.push(message);
    }
    return reply;
  }

  get userId(): string {
    return this.snapshot!.me.userId;
  }

  async must<E extends ClientEvent>(event: E, payload: ClientPayload<E>): Promise<ClientReply<E>> {
    const reply = await this.send(event, payload);
    if (!reply.ok) throw new Error(`${event} refused: ${reply.error}`);
    return reply.data;
  }

  close(): void {
    this.socket.close();
  }
}
