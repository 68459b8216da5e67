/**
 * Read documents in worker threads, so that a server stays responsive while pdf.js parses a PDF
 * (tens to hundreds of milliseconds of CPU per document) and an import can use every core.
 *
 * A pool of `size` workers started on first use; jobs queue when all are busy. Workers do not keep
 * the process alive (unref); `close()` ends them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentBytesResult } from './index.ts';

interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly resolve: (r: DocumentBytesResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | undefined;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export class DocumentReaderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size: number = Math.max(1, availableParallelism() - 1)) {}

  /** Read a document's bytes (PDF or text) in a worker: the same answer as `readDocumentBytes`. */
  read(bytes: Uint8Array): Promise<DocumentBytesResult> {
    if (this.closed) return Promise.reject(new Error('DocumentReaderPool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('DocumentReaderPool closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === undefined);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, bytes: job.bytes });
    }
  }

  private start(): Slot {
    const worker = new Worker(ENTRY);
    worker.unref();
    const slot: Slot = { worker, job: undefined };
    worker.on('message', (m: { id: number; result?: DocumentBytesResult; error?: string }) => {
      const job = slot.job;
      slot.job = undefined;
      worker.unref();
      if (job && job.id === m.id) {
        if (m.result) job.resolve(m.result);
        else job.reject(new Error(m.error ?? 'PDF worker failed'));
      }
      this.pump();
    });
    const fail = (e: Error): void => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.job?.reject(e);
      slot.job = undefined;
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`PDF worker exited with ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}
