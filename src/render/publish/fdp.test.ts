import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { corpusDir } from '../../../test/corpus.ts';
import { FDP_CSV_PATH, FDP_RESOURCE_NAME, FdpCsvWriter, renderFdp, type FdpField } from './fdp.ts';
import { corpusTextDocuments } from './testing.ts';

const budgets = corpusTextDocuments(corpusDir).flatMap((d) => {
  const p = parseDocument(d.text);
  return p.kind === 'budget-disclosure' ? [{ name: d.name, doc: p.document }] : [];
});

/** RFC 4180 reader, written here independently of the writer. */
const readCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
};

/** Table Schema field checks (types, required, enum, minimum/maximum, pattern), as the Frictionless spec defines them. */
const violations = (fields: readonly FdpField[], missingValues: readonly string[], row: readonly string[]): string[] => {
  const out: string[] = [];
  if (row.length !== fields.length) return [`row has ${row.length} cells, schema ${fields.length} fields`];
  fields.forEach((field, i) => {
    const v = row[i] ?? '';
    const c = field.constraints ?? {};
    if (missingValues.includes(v)) {
      if (c.required) out.push(`${field.name}: required`);
      return;
    }
    const typeOk =
      field.type === 'string' ? true : field.type === 'integer' ? /^-?\d+$/.test(v) : field.type === 'number' ? /^-?\d+(?:\.\d+)?$/.test(v) : /^\d{4}$/.test(v);
    if (!typeOk) out.push(`${field.name}: ${JSON.stringify(v)} is not ${field.type}`);
    if (c.enum && !c.enum.includes(v)) out.push(`${field.name}: ${JSON.stringify(v)} not in enum`);
    if (c.minimum !== undefined && Number(v) < c.minimum) out.push(`${field.name}: below minimum`);
    if (c.maximum !== undefined && Number(v) > c.maximum) out.push(`${field.name}: above maximum`);
    if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(v)) out.push(`${field.name}: ${JSON.stringify(v)} does not match ${c.pattern}`);
  });
  return out;
};

const nonEmptyCells = (doc: BudgetDisclosure): number => doc.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.cells.filter((c) => c.figure).length, 0), 0);

interface Resource {
  name: string;
  path: string;
  profile: string;
  schema: { fields: FdpField[]; missingValues: string[] };
}

describe('Fiscal Data Package', () => {
  it.each(budgets.map((b) => [b.name, b.doc] as const))('%s: every row valid against the declared schema, one row per printed figure', (_name, doc) => {
    const { descriptor, csv } = renderFdp(doc);
    const resources = descriptor['resources'] as Resource[];
    expect(resources).toHaveLength(1);
    const res = resources[0] as Resource;
    expect(res.profile).toBe('tabular-data-resource');
    expect(res.name).toBe(FDP_RESOURCE_NAME);
    expect(res.path).toBe(FDP_CSV_PATH);
    const [header, ...rows] = readCsv(csv);
    expect(header).toEqual(res.schema.fields.map((f) => f.name));
    for (const row of rows) expect(violations(res.schema.fields, res.schema.missingValues, row)).toEqual([]);
    expect(rows).toHaveLength(nonEmptyCells(doc));
    // 元 and 分 say the same amount, digit for digit.
    const col = (name: string): number => header?.indexOf(name) ?? -1;
    for (const row of rows) expect((row[col('amount_yuan')] ?? '').replace('.', '').replace(/^(-?)0+(?=\d)/, '$1')).toBe(row[col('amount_fen')]);
  });

  it('spells out the classification at each level with the document’s names', () => {
    const doc = budgets.find((b) => b.name === 'songjiang-2025-data-bureau-budget')?.doc;
    if (!doc) throw new Error('corpus budget expected');
    const [header, ...rows] = readCsv(renderFdp(doc).csv);
    const rec = rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
    const t5 = rec.find((r) => r['table_number'] === '5' && r['row_code'] === '201 41 01' && r['column'] === '基本支出');
    expect(t5).toMatchObject({
      fiscal_year: '2025',
      department: '上海市松江区数据局',
      document_level: 'department',
      row_name: '行政运行',
      classification_level: '3',
      functional_class_code: '201',
      functional_class_name: '一般公共服务支出',
      functional_item_code: '201 41',
      functional_item_name: '数据事务',
      functional_subitem_code: '201 41 01',
      functional_subitem_name: '行政运行',
      funding_source: '一般公共预算',
      expenditure_type: '基本',
      amount_yuan: '3644486.31',
      amount_fen: '364448631',
      printed: '3,644,486.31',
    });
    const t8 = rec.find((r) => r['table_number'] === '8' && r['row_code'] === '301 01');
    expect(t8).toMatchObject({ economic_class_code: '301', economic_class_name: '工资福利支出', economic_item_name: '基本工资', expenditure_type: '基本' });
    // Table 1 names the 类 without a code: classified by the name.
    const t1 = rec.find((r) => r['table_number'] === '1' && r['row_name'] === '十七、住房保障支出');
    expect(t1).toMatchObject({ functional_class_code: '221', side: 'expenditure', amount_fen: '106540648' });
    // The total of table 3 is the model's total.
    const total = rec.find((r) => r['table_number'] === '3' && r['row_kind'] === 'total' && r['column'] === '合计');
    const t3 = doc.tables.find((t) => t.number === 3)?.rows.find((r) => r.kind === 'total')?.cells[0]?.figure?.amount;
    expect(total?.['amount_fen']).toBe(String(t3));
  });

  it('the check fails on a row that breaks the schema', () => {
    const doc = budgets[0]?.doc;
    if (!doc) throw new Error('corpus budget expected');
    const { descriptor, csv } = renderFdp(doc);
    const res = (descriptor['resources'] as Resource[])[0] as Resource;
    const row = readCsv(csv)[1] ?? [];
    const broken = [...row];
    broken[0] = '25';
    broken[6] = '10';
    expect(violations(res.schema.fields, res.schema.missingValues, broken)).toEqual(expect.arrayContaining([expect.stringContaining('fiscal_year'), expect.stringContaining('table_number')]));
  });

  it('streams many documents into one CSV with one header', async () => {
    const chunks: string[] = [];
    const w = new FdpCsvWriter((c) => {
      chunks.push(c);
    });
    for (const b of budgets) await w.add(b.doc);
    await w.end();
    const rows = readCsv(chunks.join(''));
    expect(rows.filter((r) => r[0] === 'fiscal_year')).toHaveLength(1);
    expect(rows.length - 1).toBe(budgets.reduce((n, b) => n + nonEmptyCells(b.doc), 0));
    expect(w.rows).toBe(rows.length - 1);
  });
});
