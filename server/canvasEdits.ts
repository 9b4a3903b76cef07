// What routes may ask of the Yjs endpoint: changes the server makes to a canvas document on
// someone's behalf (a comment, say, so that a role that may not write to the document directly can
// still do the one thing it may), the current document, and a lock that has been set or lifted.
import type * as Y from "yjs";

export type CanvasChange = (doc: Y.Doc) => void;

export interface CanvasEndpoint {
  applyServerChange(canvasId: string, change: CanvasChange): Promise<void>;
  state(canvasId: string): Promise<Uint8Array>;
  lockChanged(canvasId: string, lockedBy: string | null): Promise<void>;
}

export class CanvasEdits {
  private endpoint: CanvasEndpoint | null = null;

  handle(endpoint: CanvasEndpoint): void {
    this.endpoint = endpoint;
  }

  private get running(): CanvasEndpoint {
    if (!this.endpoint) throw new Error("the canvas endpoint is not running");
    return this.endpoint;
  }

  apply(canvasId: string, change: CanvasChange): Promise<void> {
    return this.running.applyServerChange(canvasId, change);
  }

  /** The canvas's whole document as one Yjs update. */
  state(canvasId: string): Promise<Uint8Array> {
    return this.running.state(canvasId);
  }

  lockChanged(canvasId: string, lockedBy: string | null): Promise<void> {
    return this.running.lockChanged(canvasId, lockedBy);
  }
}
