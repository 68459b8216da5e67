/**
 * Findings for people and programs: a neutral flattened view (what JSON prints), text for a
 * terminal grouped by document, severity and family, and a standalone HTML page a reviewer
 * can open in a browser. All three come from the same view.
 */
import { describeLocation, fen, formatYuanGrouped, type Finding, type RuleFamily, type Severity } from '#domain/index.ts';
import { RULE_CATALOGUE } from '#checks/index.ts';

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };

export const FAMILY_LABEL: Readonly<Record<RuleFamily, string>> = {
  'within-table': '表内',
  'cross-table': '表间',
  narrative: '说明与表',
  projects: '项目',
  indicators: '绩效指标',
  classification: '科目',
  hygiene: '文字',
  'cross-year': '跨年度',
};

const ruleInfo = new Map(RULE_CATALOGUE.map((r) => [r.id, r] as const));

export interface FlatFigure {
  readonly label: string;
  readonly amount?: number;
  readonly raw?: string;
  readonly unit?: string;
  readonly line?: number;
  readonly table?: number;
  readonly row?: string;
  readonly column?: string;
  readonly project?: string;
  readonly field?: string;
  /** For documents read from a PDF: page and box (PDF units). */
  readonly page?: number;
  readonly bbox?: readonly number[];
}

/** One finding flattened for JSON and tables: location fields at the top level, money in 分. */
export interface FlatFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly family?: RuleFamily;
  readonly title?: string;
  readonly message: string;
  readonly document?: string;
  readonly line?: number;
  readonly section?: string;
  readonly table?: number;
  readonly row?: string;
  readonly column?: string;
  readonly project?: string;
  readonly field?: string;
  /** For documents read from a PDF: page and box (PDF units). */
  readonly page?: number;
  readonly bbox?: readonly number[];
  /** left − right in 分. */
  readonly difference?: number;
  readonly figures: readonly FlatFigure[];
}

/** Drop undefined fields (JSON and exact optional types want them absent). */
type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };
const defined = <T extends object>(o: T): Defined<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Defined<T>;

export const flattenFinding = (f: Finding): FlatFinding => {
  const info = ruleInfo.get(f.rule);
  const l = f.location;
  return defined({
    rule: f.rule,
    severity: f.severity,
    family: info?.family,
    title: info?.title,
    message: f.message,
    document: f.document,
    line: l?.line,
    section: l?.section,
    table: l?.table,
    row: l?.row,
    column: l?.column,
    project: l?.project,
    field: l?.field,
    page: l?.page,
    bbox: l?.bbox,
    difference: f.difference,
    figures: f.figures.map((x) =>
      defined({
        label: x.label,
        amount: x.amount,
        raw: x.raw,
        unit: x.unit,
        line: x.location?.line,
        table: x.location?.table,
        row: x.location?.row,
        column: x.location?.column,
        project: x.location?.project,
        field: x.location?.field,
        page: x.location?.page,
        bbox: x.location?.bbox,
      }),
    ),
  });
};

/** Stable order: document, severity, family (catalogue order), line. */
export const sortFindings = (findings: readonly Finding[]): Finding[] => {
  const ruleIndex = new Map(RULE_CATALOGUE.map((r, i) => [r.id, i] as const));
  const docs: string[] = [];
  for (const f of findings) if (!docs.includes(f.document ?? '')) docs.push(f.document ?? '');
  return [...findings].sort(
    (a, b) =>
      docs.indexOf(a.document ?? '') - docs.indexOf(b.document ?? '') ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      (ruleIndex.get(a.rule) ?? 999) - (ruleIndex.get(b.rule) ?? 999) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0),
  );
};

export const renderFindingsJson = (findings: readonly Finding[]): string =>
  `${JSON.stringify({ findings: sortFindings(findings).map(flattenFinding) }, null, 2)}\n`;

const countLine = (fs: readonly Finding[]): string =>
  SEVERITY_ORDER.map((s) => `${SEVERITY_LABEL[s]} ${fs.filter((f) => f.severity === s).length}`).join('，');

/** Text for a terminal: per document a count line, then findings by severity and family. */
export const renderFindingsText = (findings: readonly Finding[], documents: readonly string[] = []): string => {
  const sorted = sortFindings(findings);
  const names = [...documents];
  for (const f of sorted) if (!names.includes(f.document ?? '')) names.push(f.document ?? '');
  const out: string[] = [];
  for (const name of names) {
    const fs = sorted.filter((f) => (f.document ?? '') === name);
    out.push(`== ${name || '（文件）'} ==`);
    out.push(fs.length === 0 ? '未发现问题。' : countLine(fs));
    for (const severity of SEVERITY_ORDER) {
      const bySeverity = fs.filter((f) => f.severity === severity);
      if (bySeverity.length === 0) continue;
      out.push('');
      out.push(`${SEVERITY_LABEL[severity]}（${bySeverity.length}）`);
      let family: string | undefined;
      for (const f of bySeverity) {
        const fam = ruleInfo.get(f.rule)?.family;
        if (fam !== family) {
          family = fam;
          out.push(`  ${fam ? FAMILY_LABEL[fam] : '其他'}`);
        }
        out.push(`    [${f.rule}] ${f.location ? describeLocation(f.location) : ''}`);
        out.push(`      ${f.message}`);
      }
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
};

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const figureCell = (x: FlatFigure): string => {
  const value = x.amount !== undefined ? `${formatYuanGrouped(fen(x.amount))}元` : '';
  const printed = x.raw !== undefined && x.unit !== undefined && x.unit !== '元' ? `${x.raw}${x.unit}` : (x.raw ?? '');
  const where = x.line !== undefined ? `第 ${x.line} 行` : '';
  return `<li><span class="label">${escapeHtml(x.label)}</span> ${escapeHtml(printed)}${value && printed !== value ? ` <span class="yuan">${escapeHtml(value)}</span>` : ''} <span class="where">${escapeHtml(where)}</span></li>`;
};

/** A standalone page: no scripts, no external resources, one section per document. */
export const renderFindingsHtml = (findings: readonly Finding[], documents: readonly string[] = [], title = '预算公开文件核对结果'): string => {
  const sorted = sortFindings(findings);
  const names = [...documents];
  for (const f of sorted) if (!names.includes(f.document ?? '')) names.push(f.document ?? '');
  const sections = names.map((name) => {
    const fs = sorted.filter((f) => (f.document ?? '') === name).map(flattenFinding);
    const rows = fs
      .map(
        (f) => `<tr class="${f.severity}">
<td class="sev">${SEVERITY_LABEL[f.severity]}</td>
<td><code>${escapeHtml(f.rule)}</code><br><span class="title">${escapeHtml(f.title ?? '')}</span></td>
<td class="loc">${escapeHtml([f.project ? `项目「${f.project}」` : '', f.table ? `表${f.table}` : '', f.row ?? '', f.column ? `「${f.column}」列` : '', f.line !== undefined ? `第 ${f.line} 行` : ''].filter((x) => x).join(' '))}</td>
<td>${escapeHtml(f.message)}${f.figures.length > 0 ? `<ul>${f.figures.map(figureCell).join('')}</ul>` : ''}</td>
</tr>`,
      )
      .join('\n');
    const counts = SEVERITY_ORDER.map((s) => `<span class="badge ${s}">${SEVERITY_LABEL[s]} ${fs.filter((f) => f.severity === s).length}</span>`).join(' ');
    return `<section>
<h2>${escapeHtml(name || '文件')}</h2>
<p>${counts}</p>
${fs.length === 0 ? '<p>未发现问题。</p>' : `<table><thead><tr><th>级别</th><th>规则</th><th>位置</th><th>说明</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</section>`;
  });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.4rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
tr.error td.sev { background: #fde2e1; color: #a00; font-weight: bold; }
tr.warning td.sev { background: #fff3cd; color: #7a5a00; }
tr.info td.sev { background: #e7f1fb; color: #245; }
.badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 0.7rem; margin-right: 0.3rem; font-size: 0.85rem; }
.badge.error { background: #fde2e1; } .badge.warning { background: #fff3cd; } .badge.info { background: #e7f1fb; }
td.loc { white-space: nowrap; color: #555; } .title { color: #666; font-size: 0.85rem; }
ul { margin: 0.3rem 0 0; padding-left: 1.2rem; color: #444; } .label { color: #666; } .yuan, .where { color: #888; }
code { font-size: 0.85rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${countLine(sorted)}（共 ${sorted.length} 条）</p>
${sections.join('\n')}
</body>
</html>
`;
};
