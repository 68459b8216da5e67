/**
 * `yusuan parse FILE [--json]`: read a document and print what was understood — a readable
 * summary, or with `--json` the whole model (money as integer 分) and its diagnostics.
 * Exit 0 without error diagnostics, 1 with, 2 when the file cannot be read or is of no recognised kind.
 */
import {
  accountedPerMille,
  describeLocation,
  formatWanYuan,
  formatYuanGrouped,
  hasErrors,
  tableByNumber,
  type BudgetDisclosure,
  type Diagnostic,
  type LineAccounting,
  type MoneyFigure,
  type PerformanceDeclaration,
  type Severity,
} from '#domain/index.ts';
import type { ParsedDocument } from '#ingest/detect.ts';
import { EXIT_DIAGNOSTIC_ERRORS, EXIT_INPUT, EXIT_OK, readParsedOrReport } from './document-input.ts';

const KIND_NAMES: Readonly<Record<ParsedDocument['kind'], string>> = {
  'budget-disclosure': '部门预算公开文件 (budget disclosure)',
  'performance-declaration': '项目绩效目标申报表 (performance-target declaration)',
  unknown: '无法识别 (unknown)',
};

const SEVERITY_NAMES: Readonly<Record<Severity, string>> = { error: '错误 (errors)', warning: '警告 (warnings)', info: '提示 (info)' };

/** `84,966,521.98 元 (8,496.652198 万元)`. */
export const describeMoney = (f: MoneyFigure | undefined): string =>
  f ? `${formatYuanGrouped(f.amount)} 元 (${formatWanYuan(f.amount, { grouped: true })} 万元)` : '—';

const budgetSummary = (doc: BudgetDisclosure): string[] => {
  const out: string[] = [];
  const h = doc.header;
  out.push(`部门 department: ${h.department ?? '—'}`);
  out.push(`年度 year: ${h.year ?? '—'}    层级 level: ${doc.level === 'unit' ? '单位预算 (unit)' : '部门预算 (department)'}`);
  const t1 = tableByNumber(doc, 1);
  const total = (name: string): MoneyFigure | undefined => t1?.rows.find((r) => r.name === name)?.cells.find((c) => c.figure)?.figure;
  out.push(`收入预算 revenue: ${describeMoney(total('收入总计') ?? doc.explanation?.revenueTotal?.amount)}`);
  out.push(`支出预算 expenditure: ${describeMoney(total('支出总计') ?? doc.explanation?.expenditureTotal?.amount)}`);
  out.push(`财政拨款支出 fiscal expenditure: ${describeMoney(doc.explanation?.fiscalExpenditure?.amount)}`);
  out.push(`预算表 tables found: ${doc.tables.length}`);
  for (const t of doc.tables) out.push(`  表${t.number} ${t.standardName}: ${t.rows.length} 行 rows`);
  out.push(`财政拨款支出主要内容 items: ${doc.explanation?.mainItems.length ?? 0}`);
  out.push(`项目 projects: ${doc.projects.length}`);
  return out;
};

const declarationSummary = (doc: PerformanceDeclaration): string[] => {
  const forms = doc.projects.filter((p) => p.form).length;
  const indicators = doc.projects.reduce((n, p) => n + (p.form?.indicators.length ?? 0), 0);
  return [
    `单位 department: ${doc.header.department ?? '—'}`,
    `年度 year: ${doc.header.year ?? '—'}`,
    `项目 projects: ${doc.projects.length}    申报表 forms: ${forms}    指标 indicators: ${indicators}`,
    `项目预算资金 amount: ${describeMoney(doc.summary?.amount)}`,
  ];
};

/** Where the lines went, and the share read: nothing is lost silently. */
const accountingSummary = (a: LineAccounting): string[] => {
  const pm = accountedPerMille(a);
  return [
    `行 lines: ${a.total}（空行 blank ${a.blank}，读入 read ${a.content}，页面元素 furniture ${a.furniture}，目录 contents ${a.contents}，未读 unread ${a.unread.length}）`,
    `已读比例 accounted: ${Math.floor(pm / 10)}.${pm % 10}%${a.unread.length > 0 ? `；未读的行 unread lines: ${a.unread.slice(0, 20).join(', ')}${a.unread.length > 20 ? ' …' : ''}` : ''}`,
  ];
};

export const formatDiagnostics = (diagnostics: readonly Diagnostic[]): string[] => {
  const out: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const ds = diagnostics.filter((d) => d.severity === severity);
    if (ds.length === 0) continue;
    out.push(`${SEVERITY_NAMES[severity]}: ${ds.length}`);
    for (const d of ds) out.push(`  ${d.location ? describeLocation(d.location) : '—'}  [${d.code}] ${d.message}`);
  }
  if (out.length === 0) out.push('诊断 diagnostics: 无 (none)');
  return out;
};

export const summarise = (file: string, parsed: ParsedDocument): string => {
  const lines = [`文件 file: ${file}`, `类型 kind: ${KIND_NAMES[parsed.kind]}`];
  if (parsed.kind === 'budget-disclosure') lines.push(...budgetSummary(parsed.document));
  if (parsed.kind === 'performance-declaration') lines.push(...declarationSummary(parsed.document));
  if (parsed.kind !== 'unknown' && parsed.accounting) lines.push(...accountingSummary(parsed.accounting));
  lines.push(...formatDiagnostics(parsed.diagnostics));
  return `${lines.join('\n')}\n`;
};

export const runParse = async (file: string, opts: { json?: boolean }): Promise<number> => {
  const read = await readParsedOrReport(file);
  if (read === undefined) return EXIT_INPUT;
  const { parsed } = read;
  if (opts.json) {
    const accounting = parsed.kind !== 'unknown' ? (parsed.accounting ?? null) : null;
    process.stdout.write(`${JSON.stringify({ kind: parsed.kind, document: parsed.document ?? null, diagnostics: parsed.diagnostics, accounting }, null, 2)}\n`);
  } else {
    process.stdout.write(summarise(file, parsed));
  }
  if (parsed.kind === 'unknown') return EXIT_INPUT;
  return hasErrors(parsed.diagnostics) ? EXIT_DIAGNOSTIC_ERRORS : EXIT_OK;
};
