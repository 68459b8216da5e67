/**
 * Drafts from documents: a draft holding a read (or stored) disclosure's figures at their finest
 * grain, the next year's draft started from it (structure, codes, projects and wording kept,
 * figures moved to 上年), and an empty template for a department or unit.
 */
import {
  cellFigure,
  formatCode,
  functionalClassCodeByName,
  isChildOf,
  tableByNumber,
  ZERO_FEN,
  type BudgetDisclosure,
  type BudgetTable,
  type DocumentLevel,
  type Fen,
  type TableRow,
} from '#domain/index.ts';
import { aggregate, ALL_KINDS, lineTotal, pick } from './aggregate.ts';
import { namesFor } from './codes.ts';
import type { BudgetDraft, DraftProject, EconomicLine, FunctionalLine, LineField, PriorFigures, ThreePublicFigures } from './draft.ts';
import { FISCAL_SOURCES } from './draft.ts';

const amountOf = (row: TableRow | undefined, column: string): Fen => (cellFigure(row, column)?.amount ?? ZERO_FEN) as Fen;

const codeRowsOf = (t: BudgetTable | undefined): TableRow[] => (t ? t.rows.filter((r) => r.kind === 'item' && r.code !== undefined) : []);
const byCode = (t: BudgetTable | undefined): Map<string, TableRow> => new Map(codeRowsOf(t).map((r) => [formatCode(r.code!), r]));

const reasonOf = (text: string | undefined): string | undefined => {
  if (!text) return undefined;
  const m = /主要原因(?:是|为)[：:]?([^。]*)/.exec(text);
  return m?.[1]?.trim() || undefined;
};

const ZERO_THREE_PUBLIC: ThreePublicFigures = { abroad: ZERO_FEN, reception: ZERO_FEN, vehiclePurchase: ZERO_FEN, vehicleOperation: ZERO_FEN, operatingCosts: ZERO_FEN };

/** A draft holding a disclosure's figures: deriving it gives back its tables where they add up. */
export const draftFromDisclosure = (doc: BudgetDisclosure, opts: { prior?: BudgetDisclosure } = {}): BudgetDraft => {
  const t2 = byCode(tableByNumber(doc, 2));
  const t3 = byCode(tableByNumber(doc, 3));
  const t5 = byCode(tableByNumber(doc, 5));
  const t6 = byCode(tableByNumber(doc, 6));
  const t7 = byCode(tableByNumber(doc, 7));
  const names = new Map<string, string>();
  for (const m of [t5, t6, t7, t2, t3]) for (const [code, row] of m) names.set(code, row.name);
  const codes = [...names.keys()];
  const parsed = codes.map((c) => ({ scheme: 'functional' as const, segments: c.split(' ') }));
  const leaves = parsed.filter((c) => !parsed.some((o) => isChildOf(o, c))).map((c) => formatCode(c));
  const purposes = new Map<string, string>();
  for (const item of doc.explanation?.mainItems ?? []) if (item.subjectPath && item.purpose) purposes.set(item.subjectPath.join('/'), item.purpose);

  const lines: FunctionalLine[] = leaves.sort().map((code) => {
    const segs = code.split(' ');
    const lineNames = segs.map((_, i) => names.get(segs.slice(0, i + 1).join(' ')) ?? '');
    const amounts: Partial<Record<LineField, Fen>> = {};
    const put = (field: LineField, a: Fen): void => {
      if (a !== 0) amounts[field] = a;
    };
    const fiscal = { basic: ZERO_FEN as number, project: ZERO_FEN as number };
    for (const [m, src] of [[t5, 'general'], [t6, 'fund'], [t7, 'stateCapital']] as const) {
      const row = m.get(code);
      if (!row) continue;
      let basic = amountOf(row, '基本支出');
      const project = amountOf(row, '项目支出');
      const all = amountOf(row, '合计');
      if (basic === 0 && project === 0 && all !== 0) basic = all; // a row printed with 合计 only
      put(`basic.${src}`, basic);
      put(`project.${src}`, project);
      fiscal.basic += basic;
      fiscal.project += project;
    }
    const r3 = t3.get(code);
    const r2 = t2.get(code);
    if (r3 || r2) {
      // What table 3 spends beyond 财政拨款 comes from the non-fiscal sources of table 2, basic first.
      let basicRest = (r3 ? amountOf(r3, '基本支出') : 0) - fiscal.basic;
      let projectRest = (r3 ? amountOf(r3, '项目支出') : 0) - fiscal.project;
      if (!r3 && r2) basicRest = amountOf(r2, '合计') - amountOf(r2, '财政拨款收入');
      for (const [column, src] of [['事业收入', 'business'], ['事业单位经营收入', 'operating'], ['其他收入', 'other']] as const) {
        let available: number = r2 ? amountOf(r2, column) : 0;
        const b = Math.max(0, Math.min(available, basicRest));
        available -= b;
        basicRest -= b;
        const pr = Math.max(0, Math.min(available, projectRest));
        projectRest -= pr;
        put(`basic.${src}`, b as Fen);
        put(`project.${src}`, pr as Fen);
      }
      // Spending no source accounts for (a 财政拨款 table missing or inconsistent): 一般公共预算.
      if (basicRest > 0) put('basic.general', ((amounts['basic.general'] ?? 0) + basicRest) as Fen);
      if (projectRest > 0) put('project.general', ((amounts['project.general'] ?? 0) + projectRest) as Fen);
    }
    const purpose = purposes.get(lineNames.join('/'));
    return { code, names: lineNames, amounts, ...(purpose ? { purpose } : {}) };
  });

  const t8 = tableByNumber(doc, 8);
  const ecoRows = codeRowsOf(t8);
  const ecoNames = new Map(ecoRows.map((r) => [formatCode(r.code!), r.name]));
  const economic: EconomicLine[] = ecoRows
    .filter((r) => !ecoRows.some((o) => isChildOf(o.code!, r.code!)))
    .map((r) => {
      const code = formatCode(r.code!);
      const segs = code.split(' ');
      let personnel = amountOf(r, '人员经费');
      let pub = amountOf(r, '公用经费');
      const all = amountOf(r, '合计');
      if (personnel === 0 && pub === 0 && all !== 0) {
        if (segs[0] === '302') pub = all;
        else personnel = all;
      }
      return { code, names: segs.map((_, i) => ecoNames.get(segs.slice(0, i + 1).join(' ')) ?? ''), personnel, public: pub };
    });

  const classPublic: Record<string, Fen> = {};
  if (doc.level === 'unit') {
    for (const r of tableByNumber(doc, 1)?.rows ?? []) {
      if (r.side !== 'expenditure' || r.kind !== 'item') continue;
      const code = functionalClassCodeByName(r.name.replace(/\s+/g, ''));
      const pub = amountOf(r, '公用经费');
      if (code && pub !== 0) classPublic[code] = pub;
    }
  }

  const t9row = tableByNumber(doc, 9)?.rows.find((r) => r.kind === 'item') ?? tableByNumber(doc, 9)?.rows[0];
  const threePublic: ThreePublicFigures = {
    abroad: amountOf(t9row, '因公出国(境)费'),
    reception: amountOf(t9row, '公务接待费'),
    vehiclePurchase: amountOf(t9row, '公务用车购置费'),
    vehicleOperation: amountOf(t9row, '公务用车运行费'),
    operatingCosts: amountOf(t9row, '机关运行经费') || ((doc.otherInformation.operatingCosts?.amount?.amount ?? ZERO_FEN) as Fen),
  };
  const pr = doc.otherInformation.procurement;
  const projects: DraftProject[] = doc.projects.map((p) => ({
    name: p.name,
    amount: (p.annualAmount?.amount ?? ZERO_FEN) as Fen,
    parts: Object.fromEntries(Object.entries(p.parts).map(([k, b]) => [k, b.text])),
    indicators: [],
  }));
  const pt = doc.otherInformation.performanceTargets;
  const performanceSummary =
    pt?.projects !== undefined ? { projects: pt.projects.value, amount: (pt.amount?.amount ?? ZERO_FEN) as Fen } : undefined;
  const reasons: BudgetDraft['reasons'] = {};
  const fr = reasonOf(doc.explanation?.changeReason?.text);
  if (fr) reasons.fiscal = fr;
  const tr = reasonOf(doc.otherInformation.threePublic?.text.text);
  if (tr) reasons.threePublic = tr;
  const or = reasonOf(doc.otherInformation.operatingCosts?.text.text);
  if (or) reasons.operatingCosts = or;

  const inst = doc.institutions;
  const draft: BudgetDraft = {
    level: doc.level,
    year: doc.header.year ?? new Date().getFullYear(),
    district: doc.header.district ?? '',
    department: doc.header.department ?? tableByNumber(doc, 1)?.preparer ?? '',
    lines,
    economic,
    classPublic,
    threePublic,
    ...(pr ? { procurement: { goods: (pr.goods?.amount ?? ZERO_FEN) as Fen, works: (pr.works?.amount ?? ZERO_FEN) as Fen, services: (pr.services?.amount ?? ZERO_FEN) as Fen } } : {}),
    projects,
    ...(performanceSummary ? { performanceSummary } : {}),
    reasons,
    sections: {
      ...(doc.duties ? { duties: doc.duties.text.text } : {}),
      ...(inst ? { institutions: inst.text.text, institutionCounts: inst.counts.map((c) => ({ type: c.type, count: c.count.value })) } : {}),
      ...(doc.glossary ? { glossary: doc.glossary.text } : {}),
      ...(doc.otherInformation.assets ? { assets: doc.otherInformation.assets.text.text } : {}),
    },
  };
  if (!opts.prior) return draft;
  return { ...draft, prior: priorFiguresOf(draftFromDisclosure(opts.prior)) };
};

/** The figures next year's narrative compares against, from this year's draft. */
export const priorFiguresOf = (draft: BudgetDraft): PriorFigures => {
  const agg = aggregate(draft);
  const t = agg.total;
  const all = pick(t, ALL_KINDS, ['general', 'fund', 'stateCapital', 'business', 'operating', 'other']);
  return {
    year: draft.year,
    revenueTotal: all,
    expenditureTotal: all,
    fiscal: pick(t, ALL_KINDS, FISCAL_SOURCES),
    general: pick(t, ALL_KINDS, ['general']),
    fund: pick(t, ALL_KINDS, ['fund']),
    stateCapital: pick(t, ALL_KINDS, ['stateCapital']),
    threePublic: draft.threePublic,
  };
};

/**
 * Next year's draft: the same lines, codes, projects and wording, this year's figures moved to
 * 上年 (each line's prior 合计 and the narrative's comparison figures), every amount to fill in, and
 * no reasons (last year's reasons are last year's); 绩效目标 totals counted from the projects.
 */
export const nextYearDraft = ({ performanceSummary: _lastYears, ...draft }: BudgetDraft): BudgetDraft => ({
  ...draft,
  year: draft.year + 1,
  prior: priorFiguresOf(draft),
  // Names as next year's catalogue has them (a 类 renamed between editions takes its new name).
  lines: draft.lines.map((l) => ({ code: l.code, names: namesFor('functional', draft.year + 1, l.code) ?? l.names, amounts: {}, ...(l.purpose ? { purpose: l.purpose } : {}), prior: lineTotal(l) })),
  economic: draft.economic.map((e) => ({ code: e.code, names: namesFor('economic', draft.year + 1, e.code) ?? e.names, personnel: ZERO_FEN, public: ZERO_FEN, prior: (e.personnel + e.public) as Fen })),
  classPublic: {},
  threePublic: ZERO_THREE_PUBLIC,
  ...(draft.procurement ? { procurement: { goods: ZERO_FEN, works: ZERO_FEN, services: ZERO_FEN } } : {}),
  projects: draft.projects.map((p) => ({ ...p, amount: ZERO_FEN })),
  reasons: {},
});

/** An empty draft for a department or unit: no lines yet, the sections to write. */
export const emptyDraft = (opts: { level: DocumentLevel; year: number; district: string; department: string }): BudgetDraft => ({
  ...opts,
  lines: [],
  economic: [],
  classPublic: {},
  threePublic: ZERO_THREE_PUBLIC,
  procurement: { goods: ZERO_FEN, works: ZERO_FEN, services: ZERO_FEN },
  projects: [],
  reasons: {},
  sections: { duties: '', institutions: '', assets: '' },
});
