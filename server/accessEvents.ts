// Signals that someone's access changed, so live connections (rooms and canvases) are re-checked
// at once instead of at their next reconnect:
// - "access": they left or were removed from a community, a canvas share changed;
// - "signed-out": sessions ended (sign-out, sign-out everywhere, a password change or reset).
export type AccessChange =
  | {
      kind: "access";
      /** Whose access changed; unset when it changed for everyone on the canvas or in the community. */
      userId?: string;
      communityId?: string;
      canvasId?: string;
    }
  | {
      kind: "signed-out";
      userId: string;
      /** The sessions that ended, or every session (and canvas token) the person had. */
      sessionIds: string[] | "all";
    };

export class AccessEvents {
  private readonly listeners = new Set<(change: AccessChange) => Promise<void> | void>();
  private relay: ((change: AccessChange) => Promise<void>) | null = null;

  listen(listener: (change: AccessChange) => Promise<void> | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** With several nodes, every change is passed on to the others too (server/cluster/relays.ts). */
  relayTo(relay: (change: AccessChange) => Promise<void>): void {
    this.relay = relay;
  }

  /** An access change made on this node: its own connections are re-checked, then every other node's. */
  async changed(change: AccessChange): Promise<void> {
    await this.heard(change);
    await this.relay?.(change);
  }

  /** An access change, made here or on another node: this node's connections are re-checked. */
  async heard(change: AccessChange): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(change)));
  }
}

/** Whether a connection made with this session belongs to the sessions that ended. */
export const sessionEnded = (change: Extract<AccessChange, { kind: "signed-out" }>, userId: string, sessionId: string | null) =>
  change.userId === userId && (change.sessionIds === "all" || (sessionId !== null && change.sessionIds.includes(sessionId)));
