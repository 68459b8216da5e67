/**
 * Render one page of a stored PDF onto a canvas with pdf.js (loaded only when a source page is
 * opened). Parsing runs in pdf.js's worker; eval is off; character maps and standard font data
 * are served by the server under /pdfjs/ (Chinese PDFs often use predefined CMaps).
 */
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fitScale } from './source-geometry.ts';

let worker: Worker | undefined;
const documents = new Map<string, Promise<PDFDocumentProxy>>();
/** pdf.js refuses two renders on one canvas at once: the one running on each canvas. */
const running = new WeakMap<HTMLCanvasElement, RenderTask>();

const ensureWorker = (): void => {
  if (worker !== undefined) return;
  worker = new Worker(new URL('./pdf-worker.ts', import.meta.url), { type: 'module' });
  GlobalWorkerOptions.workerPort = worker;
};

/** The PDF at `url`, fetched and opened once per page load. */
export const openPdf = (url: string): Promise<PDFDocumentProxy> => {
  let doc = documents.get(url);
  if (doc === undefined) {
    ensureWorker();
    doc = getDocument({
      url,
      isEvalSupported: false,
      cMapUrl: '/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/pdfjs/standard_fonts/',
    }).promise;
    // A failed load is not cached: the next attempt fetches again.
    doc.catch(() => documents.delete(url));
    documents.set(url, doc);
  }
  return doc;
};

export interface RenderedPage {
  /** Pixels per PDF unit (CSS pixels). */
  readonly scale: number;
  /** The page as displayed, in PDF units. */
  readonly width: number;
  readonly height: number;
  readonly pageCount: number;
}

/**
 * Draw page `pageNumber` to fit `availableWidth` CSS pixels, sharp on high-density screens. A render
 * still running on the canvas is cancelled first; `signal` cancels this one.
 */
export const renderPage = async (url: string, pageNumber: number, canvas: HTMLCanvasElement, availableWidth: number, signal?: AbortSignal): Promise<RenderedPage> => {
  const doc = await openPdf(url);
  if (pageNumber < 1 || pageNumber > doc.numPages) throw new Error(`PDF 只有 ${doc.numPages} 页，没有第 ${pageNumber} 页。`);
  const page = await doc.getPage(pageNumber);
  const unit = page.getViewport({ scale: 1 });
  const scale = fitScale(unit.width, availableWidth);
  const viewport = page.getViewport({ scale });
  // A call already abandoned must not cancel the render that replaced it.
  signal?.throwIfAborted();
  for (let previous = running.get(canvas); previous !== undefined; previous = running.get(canvas)) {
    previous.cancel();
    await previous.promise.catch(() => undefined);
    if (running.get(canvas) === previous) running.delete(canvas);
    signal?.throwIfAborted();
  }
  const ratio = Math.min(3, window.devicePixelRatio || 1);
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('浏览器不支持画布（canvas），无法显示原文页面。');
  const task = page.render({ canvas, canvasContext: context, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) });
  running.set(canvas, task);
  const cancel = (): void => task.cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await task.promise;
  } finally {
    signal?.removeEventListener('abort', cancel);
    if (running.get(canvas) === task) running.delete(canvas);
  }
  return { scale, width: unit.width, height: unit.height, pageCount: doc.numPages };
};
