// Worker thread entry for reading PDFs off the main thread (see worker.ts). Plain JavaScript so
// that it starts without a loader; it registers tsx itself to run the TypeScript reader.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readDocumentBytes } = await import('./index.ts');

parentPort?.on('message', async (job) => {
  try {
    const result = await readDocumentBytes(job.bytes);
    parentPort?.postMessage({ id: job.id, result });
  } catch (e) {
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
