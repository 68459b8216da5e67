import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TABLE_COLUMNS, formatCode, type BudgetDisclosure, type PerformanceDeclaration, type TableNumber } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { corpusDir } from '../../../test/corpus.ts';
import { corpusTextDocuments } from './testing.ts';
import { TABLE_SHEET_HEADER_START, WAN_YUAN_FORMAT, YUAN_FORMAT, renderXlsx } from './xlsx.ts';

const corpus = corpusTextDocuments(corpusDir);
const parsed = corpus.map((d) => ({ name: d.name, parsed: parseDocument(d.text) }));
const budgets = parsed.flatMap((p) => (p.parsed.kind === 'budget-disclosure' ? [{ name: p.name, doc: p.parsed.document }] : []));
const declarations = parsed.flatMap((p) => (p.parsed.kind === 'performance-declaration' ? [{ name: p.name, doc: p.parsed.document }] : []));

const readBack = async (buf: Buffer): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};

/** 分 from a spreadsheet number in a unit: the number is the exact decimal text, so scaling and rounding is exact. */
const fenOf = (v: number, unit: string): number => Math.round(v * (unit === '万元' ? 1_000_000 : 100));

const text = (c: ExcelJS.Cell): string => (c.value === null || c.value === undefined ? '' : String(c.value));

/** Table 9's printed sub-headers → the model's canonical columns. */
const T9: Readonly<Record<string, string>> = { 小计: '公务用车购置及运行费小计', 购置费: '公务用车购置费', 运行费: '公务用车运行费' };

/**
 * The model's facts read back from a table sheet on their own terms: each amount cell's column is
 * named by the bottom header row (merged cells resolve to their master), its row by the code cell
 * or the label cell to its left. Independent of the writer's grid.
 */
const sheetFacts = (ws: ExcelJS.Worksheet, number: TableNumber, headerRows: number, unit: string): string[] => {
  const facts: string[] = [];
  const last = TABLE_SHEET_HEADER_START + headerRows - 1;
  for (let r = last + 1; r <= ws.rowCount; r++) {
    let label = '';
    let code = '';
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      if (cell.isMerged && cell.master !== cell) continue;
      if (typeof cell.value === 'number') {
        let column = text(ws.getCell(last, c));
        if (number === 9) column = T9[column] ?? (column.endsWith('机关运行经费预算数') ? '机关运行经费' : column);
        facts.push(`T${number}|${code}|${label}|${column}|${fenOf(cell.value, unit)}`);
        expect(cell.numFmt).toBe(unit === '万元' ? WAN_YUAN_FORMAT : YUAN_FORMAT);
      } else if (cell.value !== null && cell.value !== undefined) {
        if (cell.numFmt === '@') {
          code = text(cell);
          label = '';
        } else {
          label = text(cell);
          if (number === 1 || number === 4) code = '';
        }
      }
    }
  }
  return facts;
};

const modelFacts = (doc: BudgetDisclosure): string[] =>
  doc.tables.flatMap((t) =>
    t.rows.flatMap((row) =>
      row.cells.flatMap((cell) =>
        cell.figure ? [`T${t.number}|${row.code ? (row.code.printed ?? formatCode(row.code)) : ''}|${t.number === 9 ? '' : row.code ? row.name : `${row.ordinal ?? ''}${row.name}`}|${cell.column}|${cell.figure.amount}`] : [],
      ),
    ),
  );

describe('XLSX reads back with exceljs as the same cells', () => {
  it.each(budgets.map((b) => [b.name, b.doc] as const))('%s', async (_name, doc) => {
    const wb = await readBack(await renderXlsx(doc));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...doc.tables].sort((a, b) => a.number - b.number).map((t) => expect.stringMatching(new RegExp(`^表${t.number} `)) as unknown as string));
    const facts: string[] = [];
    for (const table of doc.tables) {
      const ws = wb.worksheets.find((w) => w.name.startsWith(`表${table.number} `));
      if (!ws) throw new Error(`sheet for table ${table.number}`);
      expect(text(ws.getCell(1, 1))).toBe(table.title.text);
      expect(text(ws.getCell(2, 1))).toBe(`${doc.level === 'unit' ? '编制单位' : '编制部门'}：${table.preparer ?? ''}`);
      const view = ws.views[0];
      const headerRows = (view && 'ySplit' in view ? (view.ySplit ?? 0) : 0) - TABLE_SHEET_HEADER_START + 1;
      expect(headerRows).toBe(table.number === 1 || table.number === 4 ? 2 : 3);
      expect(view?.state).toBe('frozen');
      facts.push(...sheetFacts(ws, table.number, headerRows, table.unit));
    }
    expect(facts.sort()).toEqual(modelFacts(doc).sort());
  });

  it('prints the official merged header of a functional table and codes as text', async () => {
    const doc = budgets.find((b) => b.name === 'songjiang-2025-data-bureau-budget')?.doc;
    if (!doc) throw new Error('corpus budget expected');
    const wb = await readBack(await renderXlsx(doc));
    const ws = wb.getWorksheet('表3 支出预算总表');
    if (!ws) throw new Error('table 3 sheet');
    const merges = (ws.model as unknown as { merges: string[] }).merges.sort();
    // 项目 over code+name, 支出预算 over the three columns, 功能分类科目编码 over 类/款/项, names and columns down two rows.
    expect(merges).toEqual(expect.arrayContaining(['A3:D3', 'E3:G3', 'A4:C4', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:G5']));
    expect(['类', '款', '项'].map((_, i) => text(ws.getCell(5, i + 1)))).toEqual(['类', '款', '项']);
    expect(TABLE_COLUMNS[3].map((_, i) => text(ws.getCell(4, 5 + i)))).toEqual([...TABLE_COLUMNS[3]]);
    const row = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => ws.getCell(r, 1).value === '201 41 01');
    expect(row).toBeDefined();
    const cell = ws.getCell(row ?? 0, 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(row ?? 0, 5).value).toBe(3644486.31);
  });
});

describe('a declaration as XLSX: one sheet per form', () => {
  it.each(declarations.map((d) => [d.name, d.doc] as const))('%s', async (_name, doc: PerformanceDeclaration) => {
    const wb = await readBack(await renderXlsx(doc));
    const forms = doc.projects.flatMap((p) => (p.form ? [p.form] : []));
    expect(wb.worksheets).toHaveLength(forms.length);
    forms.forEach((form, i) => {
      const ws = wb.worksheets[i];
      if (!ws) throw new Error('sheet');
      const values: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => values.push(typeof c.value === 'number' ? `#${fenOf(c.value, form.funds.total?.unit ?? '元')}` : text(c))));
      expect(values).toContain(form.name);
      for (const f of Object.values(form.funds)) if (f) expect(values).toContain(`#${f.amount}`);
      for (const ind of form.indicators) {
        // An empty cell (a target the form left blank) is no cell at all.
        if (ind.level3 !== '') expect(values).toContain(ind.level3);
        if (ind.raw !== '') expect(values).toContain(ind.raw);
      }
    });
  });
});
