// Changes the server makes to a canvas document on someone's behalf (a comment, say), so that
// a role that may not write to the document directly can still do the one thing it may.
import type * as Y from "yjs";

export type CanvasChange = (doc: Y.Doc) => void;

export class CanvasEdits {
  private handler: ((canvasId: string, change: CanvasChange) => Promise<void>) | null = null;

  handle(handler: (canvasId: string, change: CanvasChange) => Promise<void>): void {
    this.handler = handler;
  }

  async apply(canvasId: string, change: CanvasChange): Promise<void> {
    if (!this.handler) throw new Error("the canvas endpoint is not running");
    await this.handler(canvasId, change);
  }
}
