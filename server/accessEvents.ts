// A signal that someone's access changed (they left a community, a canvas share was revoked),
// so live connections can be re-checked at once instead of at their next reconnect.
export interface AccessChange {
  /** Whose access changed; unset when it changed for everyone on the canvas or in the community. */
  userId?: string;
  communityId?: string;
  canvasId?: string;
}

export class AccessEvents {
  private readonly listeners = new Set<(change: AccessChange) => Promise<void> | void>();

  listen(listener: (change: AccessChange) => Promise<void> | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async changed(change: AccessChange): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(change)));
  }
}
