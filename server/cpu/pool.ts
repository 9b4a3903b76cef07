// A small pool of worker threads for CPU-heavy work (server/cpu/tasks.ts). A task that runs past
// its time limit has its worker ended and replaced, and fails with a clear error: the main
// thread, which serves every room and canvas, never waits on a big map.
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger";
import type { Task, TaskResult } from "./tasks";

export class TaskTimeout extends Error {
  override name = "TaskTimeout";
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Job {
  task: Task;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class CpuPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly waiting = new Map<number, { job: Job; slot: Slot; timer: NodeJS.Timeout }>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly log: Logger,
    private readonly size = 1,
    private readonly timeLimitMs = 20_000,
  ) {}

  run<T extends Task>(task: T): Promise<TaskResult<T>> {
    if (this.closed) return Promise.reject(new Error("The server is stopping."));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
      this.next();
    });
  }

  private spawn(): Slot {
    // worker.mjs registers tsx in the new thread, then loads worker.ts.
    const worker = new Worker(new URL("./worker.mjs", import.meta.url));
    const slot: Slot = { worker, busy: false };
    worker.on("message", (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiting = this.waiting.get(message.id);
      if (!waiting) return;
      this.waiting.delete(message.id);
      clearTimeout(waiting.timer);
      slot.busy = false;
      if (message.ok) waiting.job.resolve(message.result);
      else waiting.job.reject(new Error(message.error));
      this.next();
    });
    worker.on("error", (error) => this.log.error({ err: error }, "a CPU worker failed"));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private next(): void {
    const job = this.queue[0];
    if (!job) return;
    const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined);
    if (!slot) return;
    this.queue.shift();
    slot.busy = true;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      // Too long: end that worker (its task with it) and start afresh.
      this.waiting.delete(id);
      this.slots.splice(this.slots.indexOf(slot), 1);
      void slot.worker.terminate();
      job.reject(new TaskTimeout("That took too long to work out."));
      this.next();
    }, this.timeLimitMs);
    this.waiting.set(id, { job, slot, timer });
    slot.worker.postMessage({ id, task: job.task });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { job, timer } of this.waiting.values()) {
      clearTimeout(timer);
      job.reject(new Error("The server is stopping."));
    }
    this.waiting.clear();
    for (const job of this.queue.splice(0)) job.reject(new Error("The server is stopping."));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
