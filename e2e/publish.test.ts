/**
 * Publishing in the browser: the published HTML of a stored department-year opened in Chromium
 * (its table cells against the model, its `innerText` read back as the same model), printed to
 * PDF (page count, the file opens and reads back), the download buttons on the document page, and
 * the PDF round trip for every corpus document (parse → HTML → PDF → the PDF reader).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetDisclosure } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { readDocumentBytes } from '#ingest/pdf/index.ts';
import { renderPublishedHtml } from '#render/publish/index.ts';
import { PdfRenderer } from '#render/publish/pdf.ts';
import { corpusTextDocuments, modelDifferences } from '#render/publish/testing.ts';
import type { DocumentDetail } from '#server/api-contract.ts';
import { corpusDir, corpusPath } from '../test/corpus.ts';
import { CHROMIUM_PATH, SCREENSHOT_DIR, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { DocumentPage } from './page-models.ts';

let h: Harness;
let detail: DocumentDetail;

beforeAll(async () => {
  h = await startHarness();
  // Published, as `yusuan import` stores it: the stable URLs and open data show published documents only.
  const up = await h.store.importDocument(readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8'), { sourceName: 'songjiang-2025-data-bureau-budget.txt' });
  detail = (await (await fetch(`${h.baseUrl}api/documents/${up.document!.documentId}`)).json()) as DocumentDetail;
});

afterAll(async () => {
  await h?.close();
});

/** Pages in a PDF: its /Type /Page objects (not /Pages). */
const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('the published document in the browser', () => {
  const url = (): string => `${h.baseUrl}api/departments/${detail.departmentId}/years/${detail.year}/published.html`;

  it('shows table 5 cell for cell as the model has it', async () => {
    await h.page.goto(url());
    const model = detail.model as BudgetDisclosure;
    const t5 = model.tables.find((t) => t.number === 5);
    if (!t5) throw new Error('table 5');
    const rows = await h.page.locator('#table-5 tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toEqual(t5.rows.map((r) => [r.code ? r.code.segments.join(' ') : '', r.name, ...r.cells.map((c) => c.figure?.raw ?? '')].filter((_, i) => r.code || i > 0)));
    await expect(h.page.locator('#table-5 thead tr:nth-child(2) th[colspan="3"]').textContent()).resolves.toBe('功能分类科目编码');
    await h.page.locator('#table-5').screenshot({ path: join(SCREENSHOT_DIR, 'published-table-5.png') });
  });

  it('reads back from the browser’s own innerText as the same model', async () => {
    const text = await h.page.evaluate(() => document.body.innerText);
    const again = parseDocument(text);
    expect(again.kind).toBe('budget-disclosure');
    expect(modelDifferences(detail.model, again.document)).toEqual([]);
  });

  it('prints to a PDF of sane length that opens and reads back', async () => {
    await h.page.emulateMedia({ media: 'print' });
    const pdf = await h.page.pdf({ preferCSSPageSize: true });
    await h.page.emulateMedia({ media: 'screen' });
    const pages = pageCount(pdf);
    // Cover, contents, six prose parts, nine table pages, 15 projects: more than 20, far fewer than 200.
    expect(pages).toBeGreaterThan(20);
    expect(pages).toBeLessThan(200);
    const read = await readDocumentBytes(new Uint8Array(pdf));
    expect(read.format).toBe('pdf');
    expect(read.kind).toBe('budget-disclosure');
    expect(modelDifferences(detail.model, read.document, 20, true)).toEqual([]);
  });

  it('offers the published document, PDF, XLSX and open data on the document page', async () => {
    await h.page.goto(`${h.baseUrl}#/department/${detail.departmentId}/year/${detail.year}`);
    await new DocumentPage(h.page).waitLoaded();
    const links = h.page.locator('.publish-links a');
    await expect(links.allTextContents()).resolves.toEqual(['正式文件（网页）', '下载 PDF', '下载 XLSX', '开放数据 CSV', 'datapackage.json']);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      const res = await fetch(new URL(href, h.baseUrl));
      expect(res.status, href).toBe(200);
    }
    expect(h.pageErrors).toEqual([]);
  });
});

describe('the shared PDF renderer', () => {
  it('gives up on a render over its time budget with a Chinese message, and renders again afterwards', async () => {
    const r = new PdfRenderer({ executablePath: CHROMIUM_PATH, timeoutMs: 1 });
    try {
      await expect(r.render(renderPublishedHtml(detail.model))).rejects.toThrow(/生成 PDF 超时/);
    } finally {
      await r.close();
    }
    const ok = new PdfRenderer({ executablePath: CHROMIUM_PATH });
    try {
      const [a, b] = await Promise.all([ok.render('<p>一</p>'), ok.render('<p>二</p>')]);
      expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(b.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await ok.close();
    }
  });
});

describe('PDF round trip: parse → published HTML → PDF → the PDF reader', () => {
  const renderer = new PdfRenderer({ executablePath: CHROMIUM_PATH });
  afterAll(() => renderer.close());
  const corpus = corpusTextDocuments(corpusDir);

  it.each(corpus.map((d) => [d.name, d.text] as const))('%s', async (_name, text) => {
    const first = parseDocument(text);
    if (first.kind === 'unknown') throw new Error('corpus document expected');
    const pdf = await renderer.render(renderPublishedHtml(first.document));
    const read = await readDocumentBytes(new Uint8Array(pdf));
    expect(read.kind).toBe(first.kind);
    if (first.kind === 'budget-disclosure') {
      // Every amount, code, name, count and project; prose compared without layout spaces and line breaks.
      expect(modelDifferences(first.document, read.document, 20, true)).toEqual([]);
      return;
    }
    // Declarations: the header, summary, every project explanation and every form (particulars,
    // funds, goals, every indicator row) come back; figure-less ruled rows keep their cells.
    if (read.kind !== 'performance-declaration') return;
    expect(modelDifferences(first.document, read.document, 20, true)).toEqual([]);
    const indicators = (d: typeof first.document) => d.projects.flatMap((p) => p.form?.indicators ?? []);
    expect(indicators(read.document).length).toBe(indicators(first.document).length);
    expect(indicators(first.document).length).toBeGreaterThan(0);
    expect(read.document.projects.map((p) => p.form?.funds.total?.amount)).toEqual(first.document.projects.map((p) => p.form?.funds.total?.amount));
  });
});
