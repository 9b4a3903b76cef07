// Leases in Redis: one node at a time holds a named thing (a live room, a canvas's compaction). A
// lease says who should do the work; it cannot stop a node that lost it without knowing (paused,
// cut off), so what the holder stores carries a fencing number from the database (a live room's
// `fence`), which refuses a stale holder's write. A lease whose node stopped saying it is alive is
// taken over.
import type { Cluster } from "./cluster";

const acquireScript = `
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
return 0`;
const renewScript = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0`;
const releaseScript = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0`;

/** This node holds it (`taken`: it has just taken it), or another node does. */
export type Holder = { self: true; taken: boolean } | { self: false; nodeId: string };

export class Leases {
  constructor(
    private readonly cluster: Cluster,
    private readonly kind: string,
    private readonly ttlMs: number,
  ) {}

  private key = (name: string) => this.cluster.key(`lease:${this.kind}:${name}`);
  /** Who holds the lease, taking it when nobody (alive) does. */
  async holder(name: string): Promise<Holder> {
    const { redis, nodeId } = this.cluster;
    for (let attempt = 0; attempt < 20; attempt++) {
      if (attempt > 2) await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
      if (Number(await redis.eval(acquireScript, 1, this.key(name), nodeId, String(this.ttlMs))) === 1) return { self: true, taken: true };
      const current = await redis.get(this.key(name));
      if (current === null) continue; // released meanwhile: try again
      if (current === nodeId) return { self: true, taken: false };
      if (await this.cluster.isAlive(current)) return { self: false, nodeId: current };
      // Its node has gone: the lease is free, for whoever takes it first.
      await redis.eval(releaseScript, 1, this.key(name), current);
    }
    throw new Error(`the ${this.kind} lease for ${name} could not be settled`);
  }

  /** Keeps the lease; false when it is no longer this node's. */
  async renew(name: string): Promise<boolean> {
    return Number(await this.cluster.redis.eval(renewScript, 1, this.key(name), this.cluster.nodeId, String(this.ttlMs))) === 1;
  }

  async release(name: string): Promise<void> {
    await this.cluster.redis.eval(releaseScript, 1, this.key(name), this.cluster.nodeId);
  }
}
