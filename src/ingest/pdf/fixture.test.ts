/**
 * A PDF made by the test, read back: a table over two pages (its header repeated or not, its
 * borders stroked on one page and drawn as thin filled rectangles on the other), an empty cell in
 * every column, text drawn invisible, text outside the clip box, page numbers and a blank page —
 * asserting exactly what is read. Then bad PDFs: truncated, damaged, encrypted, scanned.
 */
import { describe, expect, it } from 'vitest';
import { formatCode, type BudgetDisclosure, type TableRow } from '#domain/index.ts';
import { isPdf, parsePdfDocument, readDocumentBytes, type PdfParseResult } from './index.ts';
import { makeTestPdf, type PageDraw } from './testing.ts';

/** Column edges: 类, 款, 项, 科目名称, 合计, 基本支出, 项目支出. */
const X = [60, 95, 130, 165, 380, 500, 620, 740] as const;
const ROW = 24;

type Cells = readonly [code: string, name: string, total: string, basic: string, project: string];

const PAGE_ONE_ROWS: readonly Cells[] = [
  ['201', '一般公共服务支出', '1,500.00', '1,000.00', '500.00'],
  ['201 03', '政府办公厅（室）及相关机构事务', '1,500.00', '1,000.00', '500.00'],
  ['201 03 01', '行政运行', '1,000.00', '1,000.00', ''],
  ['201 03 02', '一般行政管理事务', '500.00', '', '500.00'],
];
const PAGE_TWO_ROWS: readonly Cells[] = [
  ['208', '社会保障和就业支出', '', '300.00', ''],
  ['208 05', '行政事业单位养老支出', '300.00', '300.00', ''],
  ['208 05 05', '机关事业单位基本养老保险缴费支出', '300.00', '300.00', ''],
  ['', '合计', '1,800.00', '1,300.00', '500.00'],
];

interface TableStyle {
  readonly header: boolean;
  /** Cell borders: stroked lines, thin filled rectangles, or none at all. */
  readonly rules: 'stroked' | 'filled' | 'none';
}

/** Draw the header (optional) and rows of table 3 from `top` down, with its cell borders. */
const drawTable = (p: PageDraw, top: number, rows: readonly Cells[], style: TableStyle): void => {
  const rule = (x0: number, y0: number, x1: number, y1: number): void => {
    if (style.rules === 'filled') p.filledRule(x0, y0, x1, y1);
    else if (style.rules === 'stroked') p.line(x0, y0, x1, y1);
  };
  let y = top;
  const left = X[0];
  const right = X[7];
  rule(left, y, right, y);
  if (style.header) {
    // Two header bands: 功能分类科目编码 over 类/款/项; the other headers span both bands.
    p.cjk(X[0] + 3, y - 17, '功能分类科目编码', 10);
    p.cjk(X[3] + 50, y - 30, '功能分类科目名称');
    p.cjk(X[4] + 45, y - 30, '合计');
    p.cjk(X[5] + 35, y - 30, '基本支出');
    p.cjk(X[6] + 35, y - 30, '项目支出');
    rule(X[0], y - ROW, X[3], y - ROW);
    p.cjk(X[0] + 12, y - ROW - 17, '类');
    p.cjk(X[1] + 12, y - ROW - 17, '款');
    p.cjk(X[2] + 12, y - ROW - 17, '项');
    y -= 2 * ROW;
    rule(left, y, right, y);
  }
  const bodyTop = y;
  for (const [code, name, ...figures] of rows) {
    const base = y - 16;
    code.split(' ').forEach((part, i) => {
      if (part) p.latinText((X[i] ?? 0) + 6, base, part);
    });
    p.cjk(X[3] + 4, base, name);
    figures.forEach((f, i) => {
      if (f) p.right((X[4 + i] ?? 0) + 116, base, f);
    });
    y -= ROW;
    rule(left, y, right, y);
  }
  // Vertical borders: the code columns are split only below the 功能分类科目编码 band.
  for (const x of [X[0], X[3], X[4], X[5], X[6], X[7]]) rule(x, y, x, top);
  for (const x of [X[1], X[2]]) rule(x, y, x, style.header ? top - ROW : bodyTop);
};

const coverPage = (p: PageDraw): void => {
  p.cjk(250, 400, '上海市某某区2025年区级部门预算', 24);
  p.cjk(250, 300, '预算主管部门：上海市某某区某某局', 16);
};

const tablePages = (repeatHeader: boolean, ruled = true, glyphByGlyph = false): ((p: PageDraw) => void)[] => [
  (p) => {
    p.glyphByGlyph = glyphByGlyph;
    p.cjk(300, 530, '2025年部门支出预算总表', 18);
    p.cjk(60, 505, '编制部门：上海市某某区某某局');
    p.cjk(700, 505, '单位：元');
    p.clipped(50, 100, 740, 420, (q) => {
      drawTable(q, 490, PAGE_ONE_ROWS, { header: true, rules: ruled ? 'stroked' : 'none' });
      // Inside the clip rectangle's page, outside the rectangle: not painted.
      q.cjk(60, 60, '被裁剪的文字不是内容');
      q.right(476, 60, '8,888.00');
    });
    p.cjk(410, 25, '- 2 -', 10);
  },
  (p) => {
    p.glyphByGlyph = glyphByGlyph;
    drawTable(p, 520, PAGE_TWO_ROWS, { header: repeatHeader, rules: ruled ? 'filled' : 'none' });
    p.invisible((q) => {
      q.latinText(66, 200, '209');
      q.cjk(169, 200, '不可见的文字');
      q.right(496, 200, '9,999.00');
    });
    p.latinText(410, 25, '3', 10);
  },
  () => undefined,
];

const fixture = async (repeatHeader: boolean, ruled = true, glyphByGlyph = false): Promise<PdfParseResult> =>
  parsePdfDocument(await makeTestPdf({ pages: [coverPage, ...tablePages(repeatHeader, ruled, glyphByGlyph)] }));

const amounts = (r: TableRow): (number | null)[] => r.cells.map((c) => (c.figure ? Number(c.figure.amount) : null));
const fen = (s: string): number | null => (s === '' ? null : Math.round(Number(s.replace(/,/g, '')) * 100));

describe.each([
  [true, true, false],
  [false, true, false],
  [true, false, false],
  [false, false, false],
  [true, true, true],
  [false, false, true],
])('a table over two pages (header repeated: %s, cell borders drawn: %s, glyph by glyph: %s)', (repeatHeader, ruled, glyphByGlyph) => {
  it('reads every row, every empty cell, every figure placed by the page', async () => {
    const r = await fixture(repeatHeader, ruled, glyphByGlyph);
    if (process.env['PDF_DEBUG']) console.log(r.text);
    expect(r.kind).toBe('budget-disclosure');
    expect(r.pageCount).toBe(4);
    const doc = r.document as BudgetDisclosure;
    const t3 = doc.tables.find((t) => t.number === 3);
    expect(t3?.columns).toEqual(['合计', '基本支出', '项目支出']);
    const expected = [...PAGE_ONE_ROWS, ...PAGE_TWO_ROWS];
    expect(t3?.rows.map((row) => [row.code ? formatCode(row.code) : '', row.name, ...amounts(row)])).toEqual(
      expected.map(([code, name, ...figs]) => [code, name, ...figs.map(fen)]),
    );
    for (const row of t3?.rows ?? []) {
      expect(row.unplaced ?? []).toEqual([]);
      for (const c of row.cells) if (c.figure) expect(c.placement).toBe('printed');
    }
    expect(r.diagnostics.map((d) => d.code)).not.toContain('cell-placement-ambiguous');
  });

  it('locates every figure on its page, inside its cell', async () => {
    const r = await fixture(repeatHeader, ruled, glyphByGlyph);
    const t3 = (r.document as BudgetDisclosure).tables.find((t) => t.number === 3);
    const columnX: Record<string, readonly [number, number]> = { 合计: [X[4], X[5]], 基本支出: [X[5], X[6]], 项目支出: [X[6], X[7]] };
    for (const row of t3?.rows ?? []) {
      const onPageTwo = PAGE_ONE_ROWS.every(([, name]) => name !== row.name);
      for (const c of row.cells) {
        if (!c.figure) continue;
        const src = c.figure.source;
        expect(src.page, `${row.name} ${c.column}`).toBe(onPageTwo ? 3 : 2);
        const [x0 = 0, , x1 = 0] = src.bbox ?? [];
        const [left, right] = columnX[c.column] ?? [0, 0];
        expect(x0, `${row.name} ${c.column}`).toBeGreaterThan(left);
        expect(x1, `${row.name} ${c.column}`).toBeLessThan(right);
      }
    }
  });

  it('drops text that is not painted, page numbers and says so', async () => {
    const r = await fixture(repeatHeader, ruled, glyphByGlyph);
    expect(r.text).not.toContain('被裁剪');
    expect(r.text).not.toContain('8,888.00');
    expect(r.text).not.toContain('不可见');
    expect(r.text).not.toContain('9,999.00');
    expect(r.text).not.toMatch(/^- 2 -$/m);
    const notPainted = r.diagnostics.filter((d) => d.code === 'pdf-text-not-painted');
    expect(notPainted.map((d) => [d.severity, d.params])).toEqual([
      ['info', { page: 2, clipped: 2, invisible: 0 }],
      ['info', { page: 3, clipped: 0, invisible: 3 }],
    ]);
    expect(notPainted.map((d) => d.location?.page)).toEqual([2, 3]);
    const blank = r.diagnostics.find((d) => d.code === 'pdf-blank-page');
    expect(blank?.params).toEqual({ pages: '4' });
  });
});

describe('a page turned by /Rotate', () => {
  it('reads as displayed: the same rows, figures and boxes as the plain landscape pages', async () => {
    const plain = await fixture(true);
    const rotated = await parsePdfDocument(await makeTestPdf({ pages: [coverPage, ...tablePages(true)], rotated: true }));
    const table3 = (r: PdfParseResult) => (r.document as BudgetDisclosure | undefined)?.tables.find((t) => t.number === 3);
    expect(table3(rotated)?.rows.map(amounts)).toEqual(table3(plain)?.rows.map(amounts));
    const boxes = (r: PdfParseResult) => table3(r)?.rows.flatMap((row) => row.cells.map((c) => c.figure?.source.bbox?.map(Math.round)));
    expect(boxes(rotated)).toEqual(boxes(plain));
    expect(rotated.diagnostics.filter((d) => d.code === 'pdf-text-not-painted').map((d) => d.params)).toEqual(
      plain.diagnostics.filter((d) => d.code === 'pdf-text-not-painted').map((d) => d.params),
    );
  });
});

describe('words in one text-showing operator', () => {
  it('are split at their spaces, so figures shown together land in their own cells', async () => {
    const bytes = await makeTestPdf({
      pages: [
        coverPage,
        (p) => {
          p.cjk(300, 530, '2025年部门支出预算总表', 18);
          p.cjk(60, 505, '编制部门：上海市某某区某某局');
          drawTable(p, 490, [['201', '一般公共服务支出', '', '', '']], { header: true, rules: 'stroked' });
          // 合计 and 基本支出 in one operator, the space between them wide enough to cross a border.
          p.latinRun(X[4] + 70, 490 - 2 * ROW - 16, ['1,500.00', '                     1,500.00']);
        },
      ],
    });
    const r = await parsePdfDocument(bytes);
    const t3 = (r.document as BudgetDisclosure).tables.find((t) => t.number === 3);
    expect(t3?.rows.map(amounts)).toEqual([[150000, 150000, null]]);
  });
});

describe('what the text rendering looks like', () => {
  it('writes table rows TAB-separated with empty cells kept and pages separated by form feeds', async () => {
    const r = await fixture(false);
    const lines = (r.text ?? '').split('\n');
    expect(lines).toContain('201 03 01\t行政运行\t1,000.00\t1,000.00\t');
    expect(lines).toContain('201 03 02\t一般行政管理事务\t500.00\t\t500.00');
    expect(lines).toContain('\f208\t社会保障和就业支出\t\t300.00\t');
    // The 合计 row keeps its three empty code cells.
    expect(lines).toContain('\t\t\t合计\t1,800.00\t1,300.00\t500.00');
    expect(lines.filter((l) => l.startsWith('\f'))).toHaveLength(3);
  });
});

const goodPdf = (): Promise<Uint8Array> => makeTestPdf({ pages: [coverPage, ...tablePages(true)] });

describe('bad PDFs get a clear error and no document', () => {
  const expectError = (r: PdfParseResult, code: string): void => {
    expect(r.document).toBeUndefined();
    expect(r.kind).toBe('unknown');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([code]);
  };

  it.each([0.1, 0.5, 0.9, 0.995])('a PDF truncated at %s of its length', async (at) => {
    const bytes = await goodPdf();
    expectError(await parsePdfDocument(bytes.slice(0, Math.floor(bytes.length * at))), 'pdf-truncated');
  });

  it('an empty file', async () => {
    expectError(await parsePdfDocument(new Uint8Array(0)), 'pdf-truncated');
    // Without the magic it is not a PDF at all: read as (empty) text.
    const r = await readDocumentBytes(new Uint8Array(0));
    expect(r.format).toBe('text');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unrecognised-document']);
  });

  it('random bytes behind a %PDF header', async () => {
    let s = 7;
    const noise = Uint8Array.from({ length: 4000 }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    const bytes = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...noise, ...Buffer.from('\n%%EOF\n')]);
    const r = await parsePdfDocument(bytes);
    expect(r.document).toBeUndefined();
    expect(r.diagnostics.some((d) => d.severity === 'error' && (d.code === 'pdf-damaged' || d.code === 'pdf-no-text-layer'))).toBe(true);
  });

  it('a PDF whose middle is cut out', async () => {
    const bytes = await goodPdf();
    const cut = new Uint8Array([...bytes.slice(0, 2000), ...bytes.slice(bytes.length - 200)]);
    const r = await parsePdfDocument(cut);
    expect(r.document).toBeUndefined();
    expect(r.diagnostics.some((d) => d.severity === 'error' && /^pdf-/.test(d.code))).toBe(true);
  });

  it('an encrypted PDF', async () => {
    const bytes = await makeTestPdf({ pages: [coverPage], encrypted: true });
    expectError(await parsePdfDocument(bytes), 'pdf-encrypted');
  });

  it('a scan: pages of images without a text layer, named', async () => {
    const bytes = await makeTestPdf({ pages: [(p) => p.image(50, 50, 700, 500), (p) => p.image(50, 50, 700, 500)] });
    const r = await parsePdfDocument(bytes);
    expectError(r, 'pdf-no-text-layer');
    expect(r.diagnostics[0]?.message).toContain('1, 2');
  });

  it('one scanned page in a text PDF is named, the rest is read', async () => {
    const bytes = await makeTestPdf({ pages: [coverPage, ...tablePages(true).slice(0, 2), (p) => p.image(50, 50, 700, 500)] });
    const r = await parsePdfDocument(bytes);
    expect(r.kind).toBe('budget-disclosure');
    const scan = r.diagnostics.find((d) => d.code === 'pdf-page-without-text');
    expect(scan?.severity).toBe('warning');
    expect(scan?.params).toEqual({ pages: '4' });
  });
});

describe('damaged PDFs', () => {
  it('never throw: bytes overwritten anywhere give a model or a clear error', async () => {
    const bytes = await goodPdf();
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0);
    for (let round = 0; round < 25; round++) {
      const copy = bytes.slice();
      // A burst of garbage somewhere before the trailer (so it is not merely truncated).
      const at = next() % Math.max(1, copy.length - 64);
      for (let k = 0; k < 1 + (next() % 40); k++) copy[at + k] = next() & 0xff;
      const r = await parsePdfDocument(copy);
      if (r.document === undefined) expect(r.diagnostics.some((d) => d.severity === 'error'), `round ${round}`).toBe(true);
    }
  });
});

describe('recognising a PDF by content', () => {
  it('by its %PDF- header, not its name', async () => {
    const bytes = await goodPdf();
    expect(isPdf(bytes)).toBe(true);
    expect(isPdf(Buffer.from('上海市某某区2025年区级部门预算'))).toBe(false);
    const r = await readDocumentBytes(bytes);
    expect(r.format).toBe('pdf');
    expect(r.kind).toBe('budget-disclosure');
    // A Node Buffer (what fs gives) reads the same, and is left intact.
    const buffer = Buffer.from(bytes);
    expect((await readDocumentBytes(buffer)).kind).toBe('budget-disclosure');
    expect(buffer.length).toBe(bytes.length);
  });
});
