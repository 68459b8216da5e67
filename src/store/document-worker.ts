/**
 * The CPU-bound half of an import, run in a worker thread (see worker-pool.ts): read a text into
 * the model, or check models. Pure functions, data in and out (structured clone).
 */
import { checkDocuments, type CheckSubject } from '#checks/index.ts';
import type { Finding } from '#domain/index.ts';
import { parseDocument, type ParsedDocument } from '#ingest/detect.ts';

export type DocumentTask =
  | { readonly op: 'parse'; readonly text: string }
  | { readonly op: 'check'; readonly subjects: readonly CheckSubject[] }
  /** Answered once the worker has loaded: the pool waits for it after replacing a stopped worker. */
  | { readonly op: 'ping' };

export default function runDocumentTask(task: DocumentTask): ParsedDocument | Finding[] | 'pong' {
  if (task.op === 'ping') return 'pong';
  return task.op === 'parse' ? parseDocument(task.text) : checkDocuments(task.subjects);
}
