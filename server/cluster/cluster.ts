// Multi-node mode (REDIS_URL; docs/decisions/0017-several-nodes.md): what one node needs to know of
// the others, through Redis. Every node has an id, says it is alive twice a second (a key that
// lives two seconds), and has a channel of its own on which the others ask it things (the room it owns) and it
// answers. Broadcast channels carry what every node must hear (an access change, a canvas's
// presence). Redis holds no data that exists nowhere else: the database is the record.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "../logger";

export interface ClusterOptions {
  url: string;
  prefix: string;
  /** How often a node says it is alive, and how long that lasts. */
  heartbeatMs: number;
  aliveForMs: number;
  /** How long a question to another node may take before the asker gives up. */
  requestTimeoutMs: number;
}

export const defaultClusterOptions = { heartbeatMs: 500, aliveForMs: 2000, requestTimeoutMs: 2500 };

type Handler = (body: unknown, from: string) => Promise<unknown>;
type Listener = (message: unknown, from: string) => void;

interface Envelope {
  from: string;
  body: unknown;
}
interface Request {
  id: number;
  from: string;
  kind: string;
  body: unknown;
}
interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** An answer another node gave as a refusal: carried back as it was worded. */
export class RemoteRefusal extends Error {}
/** Another node did not answer in time (it may have died, or Redis may be away). */
export class NodeUnreachable extends Error {}

export class Cluster {
  readonly nodeId = randomBytes(6).toString("hex");
  /** Commands (and publishing). */
  readonly redis: Redis;
  /** Pub/sub only: a subscribed connection can do nothing else. */
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private readonly reconnectListeners = new Set<() => void>();
  private nextRequest = 1;
  private heartbeat: NodeJS.Timeout | null = null;
  private wasReady = false;

  private constructor(
    readonly options: ClusterOptions,
    private readonly log: Logger,
  ) {
    // Commands wait (rather than fail at once) while Redis is away; callers have their own timeouts.
    this.redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    this.subscriber = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: null });
    for (const client of [this.redis, this.subscriber]) client.on("error", (error: Error) => this.log.warn({ err: error.message }, "redis"));
    this.subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => this.deliver(channel.toString(), message));
    // A node that lost Redis may have missed messages: whoever cares catches up from the database.
    this.subscriber.on("ready", () => {
      if (this.wasReady) for (const listener of this.reconnectListeners) listener();
      this.wasReady = true;
    });
  }

  static async connect(options: ClusterOptions, log: Logger): Promise<Cluster> {
    const cluster = new Cluster(options, log.child({ module: "cluster" }));
    await Promise.all([cluster.redis.connect(), cluster.subscriber.connect()]);
    await cluster.subscriber.subscribe(cluster.key(`node:${cluster.nodeId}`));
    await cluster.beat();
    cluster.heartbeat = setInterval(() => void cluster.beat().catch(() => {}), options.heartbeatMs);
    cluster.heartbeat.unref();
    cluster.log.info({ nodeId: cluster.nodeId }, "joined the cluster");
    return cluster;
  }

  key(name: string): string {
    return `${this.options.prefix}${name}`;
  }

  private async beat(): Promise<void> {
    await this.redis.set(this.key(`alive:${this.nodeId}`), String(Date.now()), "PX", this.options.aliveForMs);
  }

  async isAlive(nodeId: string): Promise<boolean> {
    if (nodeId === this.nodeId) return true;
    return (await this.redis.exists(this.key(`alive:${nodeId}`))) === 1;
  }

  /** Called after Redis came back: messages may have been missed meanwhile. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Answers questions of one kind from other nodes; a thrown RemoteRefusal goes back as words. */
  handle(kind: string, handler: Handler): void {
    this.handlers.set(kind, handler);
  }

  /** Asks another node; rejects with RemoteRefusal, or NodeUnreachable when no answer comes in time. */
  request<T>(nodeId: string, kind: string, body: unknown): Promise<T> {
    const id = this.nextRequest++;
    const message: Request = { id, from: this.nodeId, kind, body };
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new NodeUnreachable(`node ${nodeId} did not answer ${kind} in time`));
      }, this.options.requestTimeoutMs);
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.redis.publish(this.key(`node:${nodeId}`), JSON.stringify({ request: message })).catch((error: Error) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        reject(new NodeUnreachable(error.message));
      });
    });
  }

  /** Says something every node (this one included) hears on that channel. */
  async publish(channel: string, body: unknown): Promise<void> {
    await this.redis.publish(this.key(`all:${channel}`), JSON.stringify({ from: this.nodeId, body } satisfies Envelope));
  }

  async listen(channel: string, listener: Listener): Promise<() => Promise<void>> {
    const name = this.key(`all:${channel}`);
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
      await this.subscriber.subscribe(name);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(name) === set) {
        this.listeners.delete(name);
        await this.subscriber.unsubscribe(name).catch(() => {});
      }
    };
  }

  private deliver(channel: string, raw: Buffer): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch {
      return this.log.warn({ channel }, "a cluster message that is not JSON; ignored");
    }
    if (channel === this.key(`node:${this.nodeId}`)) {
      const { request, reply } = parsed as { request?: Request; reply?: Reply };
      if (request) void this.answer(request);
      if (reply) this.settle(reply);
      return;
    }
    const { from, body } = parsed as Envelope;
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener(body, from);
      } catch (error) {
        this.log.error({ err: error, channel }, "a cluster listener failed");
      }
    }
  }

  private async answer(request: Request): Promise<void> {
    const handler = this.handlers.get(request.kind);
    let reply: Reply;
    try {
      if (!handler) throw new Error(`no handler for ${request.kind}`);
      reply = { id: request.id, ok: true, result: await handler(request.body, request.from) };
    } catch (error) {
      const refused = error instanceof RemoteRefusal || (error instanceof Error && error.name === "Refusal");
      if (!refused) this.log.error({ err: error, kind: request.kind }, "a request from another node failed");
      reply = { id: request.id, ok: false, error: refused ? (error as Error).message : "" };
    }
    await this.redis.publish(this.key(`node:${request.from}`), JSON.stringify({ reply })).catch((error: Error) => this.log.warn({ err: error.message }, "a reply to another node was not sent"));
  }

  private settle(reply: Reply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(reply.error ? new RemoteRefusal(reply.error) : new Error("the other node failed to do it"));
  }

  /** Whether Redis answers now (for /readyz). */
  async reachable(): Promise<boolean> {
    try {
      return (await Promise.race([this.redis.ping(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000).unref())])) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const { reject, timer } of this.waiting.values()) {
      clearTimeout(timer);
      reject(new NodeUnreachable("this node is stopping"));
    }
    this.waiting.clear();
    // A node that stops says so: the rooms it owned move at once rather than when its heartbeat lapses.
    await this.redis.del(this.key(`alive:${this.nodeId}`)).catch(() => {});
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
