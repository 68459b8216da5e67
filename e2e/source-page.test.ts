/**
 * A published PDF uploaded in the browser keeps its pages: on its department-year page a finding
 * offers 「查看原文第N页」, which draws that page with pdf.js on a canvas and outlines the
 * offending figure's cell — at the cell's box, where the figure's ink is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '#server/api-contract.ts';
import { boxOnPage } from '../src/web/source-geometry.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { DocumentPage, SourcePageViewer, UploadPage } from './page-models.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');
const corpus = resolve(repoRoot, '../shared/corpus');
const pdfPath = resolve(corpus, 'putuo-2025-wanli-subdistrict-budget.pdf');

/** A page's size as displayed (PDF units), read here independently of the web app. */
const pageSize = async (page: number): Promise<{ width: number; height: number }> => {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdfPath)), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const v = (await doc.getPage(page)).getViewport({ scale: 1 });
    return { width: v.width, height: v.height };
  } finally {
    await doc.destroy();
  }
};

let h: Harness;

describe.runIf(existsSync(pdfPath))('the source page of a PDF', () => {
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('uploads the PDF and opens a finding on its page with the cell outlined', async () => {
    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    await upload.upload([pdfPath]);
    const job = upload.job('putuo-2025-wanli-subdistrict-budget.pdf');
    await expect(job.locator('.job-status').textContent()).resolves.toMatch(/完成|部分读取/);
    await job.locator('a.doc-link').click();
    const doc = new DocumentPage(h.page);
    await doc.waitLoaded();

    // The first finding that offers its page, and what the API says it points at.
    const finding = doc.findings().filter({ has: h.page.locator('button.source-link') }).first();
    const button = finding.locator('button.source-link');
    const label = (await button.textContent()) ?? '';
    const pageNumber = Number(/^查看原文第(\d+)页$/.exec(label)?.[1]);
    expect(pageNumber).toBeGreaterThanOrEqual(1);
    const documentId = Number(await h.page.locator('.page.document').getAttribute('data-document-id'));
    const detail = (await (await h.page.request.get(`${h.baseUrl}api/documents/${documentId}`)).json()) as DocumentDetail;
    const rule = await finding.getAttribute('data-rule');
    const message = await finding.locator('.finding-message').textContent();
    const f = detail.findings.find((x) => x.rule === rule && x.message === message);
    expect(f).toBeDefined();
    const boxes = [f?.location, ...(f?.figures.map((x) => x.location) ?? [])].filter((l) => l?.page === pageNumber).map((l) => l?.bbox?.join(','));

    await button.click();
    const viewer = new SourcePageViewer(h.page);
    await viewer.waitDrawn(pageNumber);

    // The canvas is drawn: a good share of its pixels are not white.
    const canvas = viewer.canvas();
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200) n++;
      return n / (c.width * c.height);
    });
    expect(inked).toBeGreaterThan(0.005);

    // The outline is at the figure's box: placed where the box falls on a page of this size drawn at this scale.
    const outline = viewer.outlines().first();
    const bbox = ((await outline.getAttribute('data-bbox')) ?? '').split(',').map(Number);
    expect(boxes).toContain(bbox.join(','));
    const size = await pageSize(pageNumber);
    const canvasBox = await canvas.boundingBox();
    const outlineBox = await outline.boundingBox();
    if (!canvasBox || !outlineBox) throw new Error('canvas or outline not laid out');
    const scale = canvasBox.width / size.width;
    expect(canvasBox.height / size.height).toBeCloseTo(scale, 1);
    const expected = boxOnPage(bbox, size.height, scale);
    if (!expected) throw new Error(`bad box ${bbox.join(',')}`);
    expect(Math.abs(outlineBox.x - canvasBox.x - expected.left)).toBeLessThan(2);
    expect(Math.abs(outlineBox.y - canvasBox.y - expected.top)).toBeLessThan(2);
    expect(Math.abs(outlineBox.width - expected.width)).toBeLessThan(2);
    expect(Math.abs(outlineBox.height - expected.height)).toBeLessThan(2);

    // And the figure is printed there: the canvas has ink inside the outline.
    const inkInside = await canvas.evaluate(
      (c: HTMLCanvasElement, r: { left: number; top: number; width: number; height: number }) => {
        const ctx = c.getContext('2d');
        if (!ctx) return 0;
        const k = c.width / c.getBoundingClientRect().width;
        const x = Math.max(0, Math.floor(r.left * k));
        const y = Math.max(0, Math.floor(r.top * k));
        const { data } = ctx.getImageData(x, y, Math.max(1, Math.floor(r.width * k)), Math.max(1, Math.floor(r.height * k)));
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) n++;
        return n;
      },
      expected,
    );
    expect(inkInside).toBeGreaterThan(10);

    await h.screenshot('source-page-outlined');
    await viewer.close();
    await expect(viewer.dialog().count()).resolves.toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('opens a table cell on its page too, with that cell outlined; Escape closes the viewer', async () => {
    const doc = new DocumentPage(h.page);
    const cell = doc.table(3).locator('td.num button.cell-source').first();
    const title = (await cell.getAttribute('title')) ?? '';
    const pageNumber = Number(/^查看原文第(\d+)页$/.exec(title)?.[1]);
    expect(pageNumber).toBeGreaterThanOrEqual(1);
    await cell.click();
    const viewer = new SourcePageViewer(h.page);
    await viewer.waitDrawn(pageNumber);
    await expect(viewer.outlines().count()).resolves.toBe(1);
    const outline = await viewer.outlines().first().boundingBox();
    const canvas = await viewer.canvas().boundingBox();
    if (!outline || !canvas) throw new Error('canvas or outline not laid out');
    // A cell, not a line: well inside the page's width, and about a line high.
    expect(outline.x).toBeGreaterThanOrEqual(canvas.x - 2);
    expect(outline.x + outline.width).toBeLessThanOrEqual(canvas.x + canvas.width + 2);
    expect(outline.width).toBeLessThan(canvas.width / 3);
    expect(outline.height).toBeLessThan(canvas.height / 10);
    await h.screenshot('source-page-cell');
    await h.page.keyboard.press('Escape');
    await expect(viewer.dialog().count()).resolves.toBe(0);
    expect(h.pageErrors).toEqual([]);
  });
});
