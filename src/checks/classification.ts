/**
 * Classification codes against the reference catalogue for the document's year: codes the
 * catalogue does not know, and names that do not match their code (including names that were
 * right in an earlier year, such as 医疗卫生与计划生育支出 for 210).
 */
import { codeLevel, formatCode, FUNCTIONAL_CLASSES, type BudgetTable, type ClassificationCode, type TableRow } from '#domain/index.ts';
import { coversYear, entriesFor, entryFor, normaliseCodeName, type Catalogue } from '#reference/catalogue.ts';
import { ECONOMIC_CATALOGUE } from '#reference/economic-codes.ts';
import { FUNCTIONAL_CATALOGUE } from '#reference/functional-codes.ts';
import type { BudgetContext, FindingDraft, Rule } from './rule.ts';
import { codeRows, expenditureClassRows, squashName } from './tables.ts';

const catalogueOf = (c: ClassificationCode): Catalogue => (c.scheme === 'economic' ? ECONOMIC_CATALOGUE : FUNCTIONAL_CATALOGUE);

const rowLocation = (t: BudgetTable, row: TableRow) => ({
  line: row.line,
  section: 'tables' as const,
  table: t.number,
  row: row.code ? `${formatCode(row.code)} ${row.name}` : row.name,
});

const classifiedRows = (ctx: BudgetContext): { t: BudgetTable; row: TableRow; code: ClassificationCode }[] =>
  ctx.document.tables.flatMap((t) => codeRows(t).map((row) => ({ t, row, code: row.code! })));

const unknownCode = (ctx: BudgetContext): FindingDraft[] => {
  const year = ctx.document.header.year;
  if (year === undefined) return [];
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const { t, row, code } of classifiedRows(ctx)) {
    const cat = catalogueOf(code);
    if (!coversYear(cat, year)) continue;
    const text = formatCode(code);
    if (entryFor(cat, year, text) || seen.has(`${code.scheme}:${text}`)) continue;
    seen.add(`${code.scheme}:${text}`);
    const cls = code.segments[0] ?? '';
    const classKnown = entryFor(cat, year, cls) !== undefined;
    // The catalogue lists every 类 but only common 款/项: an unlisted 款/项 of a known 类 is a hint.
    const partial = classKnown && codeLevel(code) > 1 && !cat.completeClasses.has(cls);
    out.push({
      message: classKnown
        ? `${code.scheme === 'economic' ? '经济' : '功能'}分类科目 ${text}（“${row.name}”）不在${year}年参考目录中${partial ? '（目录只收录常用款项，请核对）' : ''}。`
        : `${code.scheme === 'economic' ? '经济' : '功能'}分类科目 ${text}（“${row.name}”）的类级编码 ${cls} 在${year}年不存在。`,
      location: rowLocation(t, row),
      figures: [{ label: '科目编码', raw: text, location: rowLocation(t, row) }],
      ...(partial ? { severity: 'info' as const } : {}),
    });
  }
  return out;
};

const nameMismatch = (cat: Catalogue, year: number, code: string, name: string): string | undefined => {
  const entry = entryFor(cat, year, code);
  if (!entry) return undefined;
  const n = normaliseCodeName(name);
  if (n === normaliseCodeName(entry.name)) return undefined;
  const older = entriesFor(cat, code).find((e) => e !== entry && normaliseCodeName(e.name) === n);
  if (older) {
    return `科目 ${code} 使用了旧名称“${name}”（${older.from}–${older.to ?? ''}年），${year}年应为“${entry.name}”（${entry.source}）。`;
  }
  return `科目 ${code} 的名称“${name}”与${year}年目录名称“${entry.name}”不符（${entry.source}）。`;
};

const nameMatchesCode = (ctx: BudgetContext): FindingDraft[] => {
  const year = ctx.document.header.year;
  if (year === undefined) return [];
  const out: FindingDraft[] = [];
  for (const { t, row, code } of classifiedRows(ctx)) {
    const cat = catalogueOf(code);
    if (!coversYear(cat, year)) continue;
    const message = nameMismatch(cat, year, formatCode(code), row.name);
    if (message) out.push({ message, location: rowLocation(t, row), figures: [{ label: '科目名称', raw: row.name, location: rowLocation(t, row) }] });
  }
  // Tables 1 and 4 name the 类 without codes: an unknown or outdated 类 name.
  for (const t of ctx.document.tables) {
    if (t.number !== 1 && t.number !== 4) continue;
    for (const { row, code } of expenditureClassRows(t)) {
      if (code !== undefined && row.code === undefined) continue; // name matched a current 类
      const name = squashName(row.name);
      if (row.code) {
        const message = coversYear(FUNCTIONAL_CATALOGUE, year) ? nameMismatch(FUNCTIONAL_CATALOGUE, year, formatCode(row.code), row.name) : undefined;
        if (message) out.push({ message, location: rowLocation(t, row), figures: [{ label: '类名称', raw: row.name, location: rowLocation(t, row) }] });
        continue;
      }
      const older = FUNCTIONAL_CATALOGUE.entries.find((e) => e.code.length === 3 && normaliseCodeName(e.name) === normaliseCodeName(name));
      const current = older ? entryFor(FUNCTIONAL_CATALOGUE, year, older.code) : undefined;
      out.push({
        message:
          older && current
            ? `表${t.number}支出类“${row.name}”是科目 ${older.code} 的旧名称，${year}年应为“${current.name}”（${current.source}）。`
            : `表${t.number}支出类“${row.name}”不是${year}年的支出功能分类类级科目（${FUNCTIONAL_CLASSES.slice(0, 3).map((c) => c.name).join('、')}…）。`,
        location: rowLocation(t, row),
        figures: [{ label: '类名称', raw: row.name, location: rowLocation(t, row) }],
      });
    }
  }
  return out;
};

export const CLASSIFICATION_RULES: readonly Rule[] = [
  {
    id: 'classification.unknown-code',
    family: 'classification',
    severity: 'warning',
    on: 'budget',
    title: '科目编码在当年分类目录中存在',
    explanation:
      '表2–8中的功能分类或经济分类编码应存在于该预算年度的《政府收支分类科目》。类级编码不存在时报告警告；参考目录只收录常用款、项，目录未收录的款、项只作提示。目录覆盖年度之外不核对。',
    check: unknownCode,
  },
  {
    id: 'classification.name-matches-code',
    family: 'classification',
    severity: 'warning',
    on: 'budget',
    title: '科目名称与编码相符（含过时名称）',
    explanation:
      '科目名称应与该年度目录中该编码的名称一致（忽略空白和全半角括号）。使用以前年度的名称（如210类在2019年前的“医疗卫生与计划生育支出”，现为“卫生健康支出”）单独说明。表1、表4只列类名称，类名称不在当年目录中同样报告。',
    check: nameMatchesCode,
  },
];
