import { afterAll, describe, expect, it } from 'vitest';
import { readDocumentBytes } from './index.ts';
import { makeTestPdf } from './testing.ts';
import { DocumentReaderPool } from './worker.ts';

describe('reading documents in worker threads', () => {
  const pool = new DocumentReaderPool(2);
  afterAll(() => pool.close());

  it('gives the same answer as reading in the main thread, for PDFs and text alike', async () => {
    const pdf = await makeTestPdf({
      pages: [
        (p) => {
          p.cjk(250, 400, '上海市某某区2025年区级部门预算', 24);
          p.cjk(250, 300, '预算主管部门：上海市某某区某某局', 16);
        },
      ],
    });
    const text = new TextEncoder().encode('不是预算文件');
    const [a, b, c] = await Promise.all([pool.read(pdf), pool.read(text), pool.read(pdf.slice(0, 100))]);
    expect(a).toEqual(await readDocumentBytes(pdf));
    expect(b).toEqual(await readDocumentBytes(text));
    expect(c.diagnostics.map((d) => d.code)).toEqual(['pdf-truncated']);
  });
});
