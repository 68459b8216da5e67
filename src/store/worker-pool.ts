/**
 * Reading and checking documents off the event loop: a pool of worker threads (piscina), each
 * task with a time budget and each worker with a memory cap, so one pathological upload (5 MB of
 * newlines) neither freezes the server nor exhausts its memory. An over-budget document fails
 * with a DocumentBudgetError (the API answers 422 / 413, the CLI reports the file).
 *
 * The pool's `parse` and `check` are what the store calls (StoreOptions); a bulk import also reads
 * ahead with `parse`, so imports use every core.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CheckSubject } from '#checks/index.ts';
import type { Finding } from '#domain/index.ts';
import type { ParsedDocument } from '#ingest/detect.ts';
import type { DocumentTask } from './document-worker.ts';

export interface DocumentWorkerPoolOptions {
  /**
   * Worker threads (env YUSUAN_WORKERS wins; default: `batch` every core, `server` one core fewer,
   * so the event loop keeps a core to answer requests; at most 4).
   */
  readonly role?: 'batch' | 'server';
  /** An exact number of threads (overrides role and env). */
  readonly threads?: number;
  /** Wall-clock budget for reading or checking one document, ms (default 30 s; env YUSUAN_DOCUMENT_TIME_BUDGET_MS). */
  readonly timeBudgetMs?: number;
  /** Heap cap per worker, MB (default 768; env YUSUAN_DOCUMENT_MEMORY_MB). */
  readonly memoryMb?: number;
}

export interface DocumentWorkerPool {
  /** Read a text; `timeBudgetMs` overrides the pool's budget for this one document. */
  readonly parse: (text: string, budget?: { readonly timeBudgetMs?: number }) => Promise<ParsedDocument>;
  readonly check: (subjects: readonly CheckSubject[]) => Promise<Finding[]>;
  readonly threads: number;
  close(): Promise<void>;
}

/** A document that needed more time or memory than its budget. */
export class DocumentBudgetError extends Error {
  constructor(
    readonly budget: 'time' | 'memory',
    message: string,
  ) {
    super(message);
    this.name = 'DocumentBudgetError';
  }
}

const envNumber = (name: string): number | undefined => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
};

/** dist/store/document-worker.js when running compiled, else the sources through tsx. */
const workerFile = (): string => {
  const here = import.meta.url;
  return here.endsWith('.js') ? new URL('./document-worker.js', here).href : new URL('./document-worker-source.mjs', here).href;
};

export const documentWorkerPool = (options: DocumentWorkerPoolOptions = {}): DocumentWorkerPool => {
  const cores = availableParallelism();
  const threads = Math.max(1, Math.floor(options.threads ?? envNumber('YUSUAN_WORKERS') ?? Math.min(4, options.role === 'server' ? cores - 1 : cores)));
  const timeBudgetMs = options.timeBudgetMs ?? envNumber('YUSUAN_DOCUMENT_TIME_BUDGET_MS') ?? 30_000;
  const memoryMb = options.memoryMb ?? envNumber('YUSUAN_DOCUMENT_MEMORY_MB') ?? 768;
  const piscina = new Piscina<DocumentTask, ParsedDocument | Finding[] | `pong:${number}`>({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.floor(memoryMb / 16))) },
  });

  // Tasks wait here for a free thread, so that a document's budget starts when its work does,
  // not while it queues behind others.
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (running < threads) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next !== undefined) next();
    else running--;
  };
  const seconds = (ms: number): string => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

  const run = async (task: DocumentTask, what: string, budgetMs = timeBudgetMs): Promise<ParsedDocument | Finding[]> => {
    await acquire();
    try {
      return (await piscina.run(task, { signal: AbortSignal.timeout(budgetMs) })) as ParsedDocument | Finding[];
    } catch (e) {
      const err = e as Error & { code?: string; name?: string };
      // The stopped worker is replaced; the next document's budget starts once it has loaded.
      await piscina.run({ op: 'ping' }).catch(() => undefined);
      if (err.name === 'AbortError' || err.name === 'TimeoutError' || /abort/i.test(err.message)) {
        throw new DocumentBudgetError('time', `${what}超过时间上限（${seconds(budgetMs)} 秒）：文件过于庞大或格式异常，未存储。请检查文件是否完整、是否为正常的预算文本。`);
      }
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message)) {
        throw new DocumentBudgetError('memory', `${what}超过内存上限（${memoryMb} MB）：文件过于庞大或格式异常，未存储。`);
      }
      throw e;
    } finally {
      release();
    }
  };

  /**
   * Terminating a worker that is still loading its modules aborts the whole process on Node 20
   * (an assertion in ModuleWrap's require facade, seen about once in 40 short imports). So before
   * closing, every thread answers a ping — which it can only do once loaded — within a few seconds.
   */
  const allThreadsLoaded = async (): Promise<void> => {
    const seen = new Set<string>();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const want = Math.max(1, piscina.threads.length);
      const answers = await Promise.all(Array.from({ length: want }, () => piscina.run({ op: 'ping', holdMs: 25 }).catch(() => undefined)));
      for (const a of answers) if (typeof a === 'string') seen.add(a);
      if (seen.size >= piscina.threads.length) return;
    }
  };

  return {
    threads,
    parse: async (text, budget) => (await run({ op: 'parse', text }, '读取文件', budget?.timeBudgetMs)) as ParsedDocument,
    check: async (subjects) => (await run({ op: 'check', subjects }, '核对文件')) as Finding[],
    close: async () => {
      await allThreadsLoaded();
      await piscina.destroy();
    },
  };
};
