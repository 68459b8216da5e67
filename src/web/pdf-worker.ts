/**
 * pdf.js's worker, bundled by Vite as a same-origin module worker (`new Worker(new URL(…))` in
 * pdf-render.ts): importing it in a worker scope makes it answer the page's messages.
 */
import 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
