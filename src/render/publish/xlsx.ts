/**
 * The disclosure as an XLSX workbook (exceljs): one sheet per table, each with the table's title,
 * its `编制部门：… 单位：元` line, exactly the official header rows (merged cells as the grid
 * says), body rows and the note; the header rows are frozen.
 *
 * Cells: amounts are numbers in the table's own unit with a `#,##0.00` format (万元 figures keep
 * their printed decimals, up to six: `#,##0.00####`); the number is made from the exact decimal
 * text of the 分 value, so reading it back and scaling by 100 (元) or 1,000,000 (万元) gives the
 * 分 exactly. Classification codes are text (`201 13 01` keeps its zeros, format `@`). A
 * declaration gets one sheet per 绩效目标申报表 (form and indicators).
 */
import ExcelJS from 'exceljs';
import { formatWanYuan, formatYuan, type BudgetDisclosure, type PerformanceDeclaration } from '#domain/index.ts';
import { FORM_WIDTH, formGrid, formTitle, indicatorGrid } from './declaration-grid.ts';
import { tableGrid, tableMeta, type GridCell, type GridRow, type TableGrid } from './table-grid.ts';

export const YUAN_FORMAT = '#,##0.00';
export const WAN_YUAN_FORMAT = '#,##0.00####';

/** The number a spreadsheet holds for an amount, from its exact decimal text (no float arithmetic on 分). */
export const spreadsheetNumber = (c: Extract<GridCell, { kind: 'amount' }>): number =>
  Number(c.unit === '万元' ? formatWanYuan(c.amount, { decimals: 6 }) : formatYuan(c.amount));

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel forbids \ / ? * [ ] : in sheet names and caps them at 31 characters; names must be unique. */
const sheetName = (wanted: string, used: Set<string>): string => {
  const base = wanted.replace(/[\\/?*[\]:]/g, '_').slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(name);
  return name;
};

const writeBody = (ws: ExcelJS.Worksheet, rows: readonly GridRow[], firstRow: number): void => {
  rows.forEach((r, i) => {
    const rowNumber = firstRow + i;
    let col = 1;
    for (const c of r.cells) {
      const cell = ws.getCell(rowNumber, col);
      cell.border = BORDER;
      const span = c.kind === 'text' || c.kind === 'code' ? (c.colspan ?? 1) : 1;
      if (c.kind === 'amount') {
        cell.value = spreadsheetNumber(c);
        cell.numFmt = c.unit === '万元' ? WAN_YUAN_FORMAT : YUAN_FORMAT;
        cell.alignment = { horizontal: 'right' };
      } else if (c.kind === 'code') {
        cell.value = c.text;
        cell.numFmt = '@';
      } else if (c.kind === 'text') {
        cell.value = c.text;
        cell.alignment = { wrapText: true, vertical: 'middle' };
      }
      if (r.total) cell.font = { bold: true };
      if (span > 1) ws.mergeCells(rowNumber, col, rowNumber, col + span - 1);
      col += span;
    }
  });
};

/** Header rows with their merges; returns the number of rows written. */
const writeHeader = (ws: ExcelJS.Worksheet, grid: TableGrid, firstRow: number): number => {
  // Positions covered by a rowspan from above are skipped when placing a row's cells.
  const covered = new Set<string>();
  grid.header.forEach((row, i) => {
    const r = firstRow + i;
    let col = 1;
    for (const h of row) {
      while (covered.has(`${r}:${col}`)) col++;
      const cell = ws.getCell(r, col);
      cell.value = h.text;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      for (let dr = 0; dr < h.rowspan; dr++) for (let dc = 0; dc < h.colspan; dc++) covered.add(`${r + dr}:${col + dc}`);
      if (h.colspan > 1 || h.rowspan > 1) ws.mergeCells(r, col, r + h.rowspan - 1, col + h.colspan - 1);
      col += h.colspan;
    }
  });
  for (let i = 0; i < grid.header.length; i++) for (let c = 1; c <= grid.width; c++) ws.getCell(firstRow + i, c).border = BORDER;
  return grid.header.length;
};

const titleRow = (ws: ExcelJS.Worksheet, row: number, text: string, width: number): void => {
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = { bold: true, size: 14 };
  cell.alignment = { horizontal: 'center' };
  if (width > 1) ws.mergeCells(row, 1, row, width);
};

const setWidths = (ws: ExcelJS.Worksheet, width: number, wide: readonly number[]): void => {
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = wide.includes(c) ? 34 : 16;
};

/** First body row of a table sheet: title, meta line, then the header rows. */
export const TABLE_SHEET_HEADER_START = 3;

const budgetWorkbook = (doc: BudgetDisclosure): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yusuan';
  wb.title = doc.header.title?.text ?? '';
  const used = new Set<string>();
  for (const table of [...doc.tables].sort((a, b) => a.number - b.number)) {
    const grid = tableGrid(table);
    const ws = wb.addWorksheet(sheetName(`表${table.number} ${table.standardName.replace(/^部门/, '')}`, used), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    titleRow(ws, 1, table.title.text, grid.width);
    const meta = tableMeta(table, doc.level);
    ws.getCell(2, 1).value = meta.preparer;
    ws.getCell(2, grid.width).value = meta.unit;
    ws.getCell(2, grid.width).alignment = { horizontal: 'right' };
    const headerRows = writeHeader(ws, grid, TABLE_SHEET_HEADER_START);
    const bodyStart = TABLE_SHEET_HEADER_START + headerRows;
    writeBody(ws, grid.body, bodyStart);
    if (table.note) {
      const r = bodyStart + grid.body.length + 1;
      ws.getCell(r, 1).value = table.note.text;
      ws.getCell(r, 1).alignment = { wrapText: true };
      if (grid.width > 1) ws.mergeCells(r, 1, r, grid.width);
    }
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: bodyStart - 1 }];
    ws.pageSetup.printTitlesRow = `${TABLE_SHEET_HEADER_START}:${bodyStart - 1}`;
    // Name columns wide, figure columns narrower: the name after the codes, or each side's 项目 column.
    const revWidth = grid.header[0]?.[0]?.colspan ?? 2;
    const wide = table.number === 1 || table.number === 4 ? [1, revWidth + 1] : table.number === 9 ? [] : [table.number === 8 ? 3 : 4];
    setWidths(ws, grid.width, wide);
  }
  return wb;
};

const declarationWorkbook = (doc: PerformanceDeclaration): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yusuan';
  wb.title = doc.header.title?.text ?? '';
  const used = new Set<string>();
  doc.projects.forEach((p, i) => {
    const form = p.form;
    if (!form) return;
    const ws = wb.addWorksheet(sheetName(`表${form.ordinal ?? i + 1} ${form.name}`, used), { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    titleRow(ws, 1, formTitle(form), FORM_WIDTH);
    if (form.year !== undefined) titleRow(ws, 2, `(${form.year}年度)`, FORM_WIDTH);
    const rows = formGrid(form);
    writeBody(ws, rows, 3);
    const indicators = indicatorGrid(form);
    writeBody(ws, indicators, 3 + rows.length + 1);
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 2 }];
    setWidths(ws, FORM_WIDTH, [2, 4]);
  });
  if (wb.worksheets.length === 0) wb.addWorksheet('说明').getCell(1, 1).value = '本文件没有绩效目标申报表。';
  return wb;
};

export const buildWorkbook = (doc: BudgetDisclosure | PerformanceDeclaration): ExcelJS.Workbook =>
  doc.kind === 'budget-disclosure' ? budgetWorkbook(doc) : declarationWorkbook(doc);

export const renderXlsx = async (doc: BudgetDisclosure | PerformanceDeclaration): Promise<Buffer> => {
  const data = await buildWorkbook(doc).xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
};
