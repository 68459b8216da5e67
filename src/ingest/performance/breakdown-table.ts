/**
 * A 年度预算安排 table (`时间 | 内容 | 金额`, `项目 | 数量 | 单价 | 金额`) read from a stream of
 * cells, so it reads the same whether cells are tab-separated, space-aligned or one per line:
 * the header row is recognised by its vocabulary, then rows are taken header-width at a time
 * for as long as their amount cell reads as money.
 */
import { parseMoney } from '#domain/index.ts';
import type { BudgetBreakdownRow, MoneyUnit, SourceLocation } from '#domain/index.ts';
import { NUM } from './flat-text.ts';

export interface Cell {
  readonly text: string;
  readonly line: number;
}

type Column = 'time' | 'item' | 'quantity' | 'unitPrice' | 'amount' | 'note' | 'ordinal';

const HEADER_VOCABULARY: Readonly<Record<string, Column>> = {
  时间: 'time',
  时间节点: 'time',
  日期: 'time',
  序号: 'ordinal',
  内容: 'item',
  支出内容: 'item',
  项目: 'item',
  项目名称: 'item',
  名称: 'item',
  明细: 'item',
  支出项目: 'item',
  数量: 'quantity',
  单价: 'unitPrice',
  金额: 'amount',
  预算金额: 'amount',
  预算数: 'amount',
  小计: 'amount',
  备注: 'note',
};

interface HeaderColumn {
  readonly column: Column;
  readonly unit?: MoneyUnit;
}

const headerColumn = (text: string): HeaderColumn | undefined => {
  const t = text.replace(/\s+/g, '');
  const m = /^([^(（]+)(?:[(（]([^)）]*)[)）])?$/.exec(t);
  if (!m || m[1] === undefined) return undefined;
  const column = HEADER_VOCABULARY[m[1]];
  if (!column) return undefined;
  const unitText = m[2];
  const unit: MoneyUnit | undefined = unitText === '万元' || unitText === '万' ? '万元' : unitText === '元' ? '元' : undefined;
  return { column, ...(unit ? { unit } : {}) };
};

const MONEY_CELL = new RegExp(`^(${NUM})(万元|万|元)?$`);
const QUANTITY_CELL = new RegExp(`^(${NUM})(\\D{0,4})$`);

const moneyCell = (text: string, fallback: MoneyUnit, source: SourceLocation) => {
  const m = MONEY_CELL.exec(text.replace(/\s+/g, '').replace(/，/g, ','));
  if (!m || m[1] === undefined) return undefined;
  const unit: MoneyUnit = m[2] === undefined ? fallback : m[2].startsWith('万') ? '万元' : '元';
  const amount = parseMoney(m[1], unit);
  return amount === undefined ? undefined : { amount, raw: m[1], unit, source };
};

export interface BreakdownTable {
  readonly rows: BudgetBreakdownRow[];
  /** Indices of the cells the table used (header included). */
  readonly used: ReadonlySet<number>;
  /** Where each table starts (cell index), and its width: for laying the cells out as rows in text. */
  readonly tables: ReadonlyArray<{ readonly start: number; readonly width: number; readonly end: number }>;
}

export const readBreakdownTable = (cells: readonly Cell[], locate: (line: number) => SourceLocation): BreakdownTable => {
  const used = new Set<number>();
  const rows: BudgetBreakdownRow[] = [];
  const tables: Array<{ start: number; width: number; end: number }> = [];
  for (let i = 0; i < cells.length; i++) {
    const header: HeaderColumn[] = [];
    for (let j = i; j < cells.length; j++) {
      const h = headerColumn(cells[j]?.text ?? '');
      if (!h) break;
      header.push(h);
    }
    if (header.length < 2 || !header.some((h) => h.column === 'amount' || h.column === 'unitPrice')) continue;
    for (let k = i; k < i + header.length; k++) used.add(k);
    let j = i + header.length;
    while (j + header.length <= cells.length) {
      const row = cells.slice(j, j + header.length);
      const parsed = readRow(header, row, locate);
      if (!parsed) break;
      rows.push(parsed);
      for (let k = j; k < j + header.length; k++) used.add(k);
      j += header.length;
    }
    tables.push({ start: i, width: header.length, end: j });
    i = j - 1;
  }
  return { rows, used, tables };
};

const readRow = (header: readonly HeaderColumn[], row: readonly Cell[], locate: (line: number) => SourceLocation): BudgetBreakdownRow | undefined => {
  const line = row[0]?.line ?? 0;
  let item = '';
  const notes: string[] = [];
  let quantity: string | undefined;
  let quantityUnit: string | undefined;
  let unitPrice: ReturnType<typeof moneyCell>;
  let amount: ReturnType<typeof moneyCell>;
  for (let c = 0; c < header.length; c++) {
    const h = header[c];
    const cell = row[c];
    if (!h || !cell) return undefined;
    const text = cell.text.trim();
    switch (h.column) {
      case 'item':
        item = text;
        break;
      case 'time':
      case 'note':
        if (text) notes.push(text);
        break;
      case 'quantity': {
        const q = QUANTITY_CELL.exec(text.replace(/\s+/g, ''));
        if (!q) return undefined;
        quantity = q[1];
        if (q[2]) quantityUnit = q[2];
        break;
      }
      case 'unitPrice':
        unitPrice = moneyCell(text, h.unit ?? '元', locate(cell.line));
        if (!unitPrice) return undefined;
        break;
      case 'amount':
        amount = moneyCell(text, h.unit ?? '元', locate(cell.line));
        if (!amount) return undefined;
        break;
      case 'ordinal':
        break;
    }
  }
  if (!amount && !unitPrice) return undefined;
  return {
    item,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(quantityUnit !== undefined ? { quantityUnit } : {}),
    ...(unitPrice ? { unitPrice } : {}),
    ...(amount ? { amount } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    line,
  };
};
