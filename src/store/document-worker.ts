/**
 * The CPU-bound half of an import, run in a worker thread (see worker-pool.ts): read a text into
 * the model, or check models. Pure functions, data in and out (structured clone).
 */
import { checkDocuments, type CheckSubject } from '#checks/index.ts';
import type { Finding } from '#domain/index.ts';
import { parseDocument, type ParsedDocument } from '#ingest/detect.ts';
import { threadId } from 'node:worker_threads';

export type DocumentTask =
  | { readonly op: 'parse'; readonly text: string }
  | { readonly op: 'check'; readonly subjects: readonly CheckSubject[] }
  /**
   * Answered once the worker has loaded (with its thread id): the pool waits for it after replacing
   * a stopped worker, and before closing. `holdMs` keeps the worker busy a moment so that pings
   * sent together spread over the threads.
   */
  | { readonly op: 'ping'; readonly holdMs?: number };

export default function runDocumentTask(task: DocumentTask): ParsedDocument | Finding[] | `pong:${number}` {
  if (task.op === 'ping') {
    if (task.holdMs !== undefined && task.holdMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, task.holdMs);
    return `pong:${threadId}`;
  }
  return task.op === 'parse' ? parseDocument(task.text) : checkDocuments(task.subjects);
}
