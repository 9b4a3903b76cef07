// A participant in a live room over a real Socket.io connection, keeping the room as a
// browser would: the snapshot from joining, then every event applied to it.
import { io as connect, type Socket } from "socket.io-client";
import { listSeries, occurrencesInWindow } from "../../db/queries/meetings";
import type { Ack, ClientEvent, ClientPayload, ClientReply, ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import type { ChatMessage, Person, Reaction, RoomSnapshot, RoomState } from "../../shared/room/state";
import { Visitor, type TestServer } from "./server";

export interface MeetingRef {
  seriesId: string;
  key: string;
}

/** An upcoming occurrence of a community's first series: the next one, or a later one by index. */
export async function nextMeeting(server: TestServer, slug: string, index = 0): Promise<MeetingRef> {
  const community = await server.services.db.selectFrom("communities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const series = await listSeries(server.services.db, [community.id]);
  const upcoming = await occurrencesInWindow(server.services.db, series, new Date(), new Date(Date.now() + 400 * 86400_000));
  const next = upcoming[index];
  return { seriesId: next.seriesId, key: next.key };
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
    readonly server: TestServer,
    readonly cookie: string,
    readonly transport: "websocket" | "polling" = "websocket",
  ) {}

  /** A signed-in participant; `polling` keeps to HTTP long-polling, as behind a proxy without WebSockets. */
  static async signIn(server: TestServer, email: string, transport: "websocket" | "polling" = "websocket"): Promise<Participant> {
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
