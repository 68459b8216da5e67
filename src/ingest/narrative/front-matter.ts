/**
 * The front matter of a budget disclosure: header (title, district, year, supervising
 * department), 主要职能 (duties, internal offices), 机构设置 (budget units by type and name) and
 * 名词解释 (glossary, kept as text).
 */
import type { DocumentHeader, DocumentLevel, Duties, InstitutionCount, Institutions, TextBlock } from '#domain/index.ts';
import { squash, type SourceLine } from '../text.ts';
import { countAt, groupOffset, locate, textAt, type NarrativeContext } from './figures.ts';
import { COUNT, formatParagraphs } from './joined.ts';

// ---------------------------------------------------------------------------------------------
// Header

/** `上海市松江区2025年区级部门预算`, `XX区2026年单位预算`, `2025年部门预算`. */
const TITLE_RE = /^(.*?)(\d{4})年度?(.*?(?:部门|单位)(?:调整)?预算)$/;
const DEPARTMENT_RE = /^(?:预算主管部门|主管部门|预算单位|单位名称|部门名称)[:：](.+)$/;

export interface HeaderReading {
  readonly header: DocumentHeader;
  readonly level?: DocumentLevel;
  readonly phase: 'budget' | 'adjusted';
  /** Squashed title text, to recognise it again as page furniture. */
  readonly titleKey?: string;
}

/** Read the header from the lines before the first section (falling back to the document's first lines). */
export const readHeader = (headerLines: readonly SourceLine[], allLines: readonly SourceLine[]): HeaderReading => {
  const candidates = headerLines.some((l) => l.text !== '') ? headerLines : allLines.slice(0, 12);
  let title: TextBlock | undefined;
  let district: string | undefined;
  let year: number | undefined;
  let department: string | undefined;
  let titleKey: string | undefined;
  let level: DocumentLevel | undefined;
  let phase: 'budget' | 'adjusted' = 'budget';
  let line = candidates.find((l) => l.text !== '')?.no ?? 1;
  for (let i = 0; i < candidates.length; i++) {
    const l = candidates[i];
    if (l === undefined || l.text === '') continue;
    const whole = squash(l.text);
    // Title and `预算主管部门：…` printed on one line: read them apart.
    const split = /^(.+?)((?:预算主管部门|主管部门|预算单位)[:：].+)$/.exec(whole);
    if (split?.[1] !== undefined && split[2] !== undefined && TITLE_RE.test(split[1])) {
      const d = DEPARTMENT_RE.exec(split[2]);
      if (d && department === undefined) department = d[1];
    }
    const s = split?.[1] !== undefined && TITLE_RE.test(split[1]) ? split[1] : whole;
    if (title === undefined) {
      // A title may be broken over two lines (`上海市松江区2025年` / `区级部门预算`).
      const next = candidates.slice(i + 1).find((n) => n.text !== '');
      const tries = [s, ...(next ? [s + squash(next.text)] : [])];
      for (const t of tries) {
        const m = TITLE_RE.exec(t);
        if (m && t.length <= 60) {
          title = { text: t, source: { line: l.no, section: 'header' } };
          titleKey = t;
          line = l.no;
          if (m[1]) district = m[1];
          year = Number(m[2]);
          level = /单位(?:调整)?预算$/.test(t) ? 'unit' : 'department';
          if (/调整预算$/.test(t)) phase = 'adjusted';
          break;
        }
      }
      if (title !== undefined) continue;
    }
    const d = DEPARTMENT_RE.exec(s);
    if (d && department === undefined) department = d[1];
  }
  const header: DocumentHeader = {
    ...(title ? { title } : {}),
    ...(district !== undefined ? { district } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(department !== undefined ? { department } : {}),
    line,
  };
  return { header, ...(level ? { level } : {}), phase, ...(titleKey !== undefined ? { titleKey } : {}) };
};

// ---------------------------------------------------------------------------------------------
// 主要职能

const OFFICES_RE = new RegExp(String.raw`内设[^。]{0,200}?(${COUNT})个(?:职能)?(?:科室|处室|内设机构|部门|机构)`, 'd');
const OFFICES_RE2 = new RegExp(String.raw`内设(?:机构|科室|处室)(?:共)?(${COUNT})个`, 'd');

export const readDuties = (ctx: NarrativeContext): Duties => {
  const t = ctx.joined.text;
  const text = textAt(ctx, formatParagraphs(t), 0);
  const m = OFFICES_RE.exec(t) ?? OFFICES_RE2.exec(t);
  const internalOffices = m?.[1] !== undefined ? countAt(ctx, m[1], groupOffset(m, 1), '内设科室') : undefined;
  return { text, ...(internalOffices ? { internalOffices } : {}) };
};

// ---------------------------------------------------------------------------------------------
// 机构设置

const UNIT_TYPE = '(?:行政|参公|参照公务员法管理的?事业|全额拨款事业|差额拨款事业|自收自支事业|事业|其他)单位|企业|社会团体';
const COUNT_RE = new RegExp(String.raw`(${UNIT_TYPE})(${COUNT})家`, 'gd');

/** Unit names: `具体包括：1. A。2. B。` or `…1家，为A。` or `包括：A、B和C。`. */
const readUnitNames = (rest: string): string[] => {
  const listed = /^[，,]?(?:具体包括|具体为|分别为|分别是|包括|即|为)[：:]?(.*)$/s.exec(rest);
  if (!listed?.[1]) return [];
  const body = listed[1];
  if (/^\d{1,2}[.．、]/.test(body)) {
    return body
      .split(/(?:^|(?<=[。；;，,]))\d{1,2}[.．、](?!\d)/)
      .map((s) => s.replace(/[。；;，,]+$/, '').trim())
      .filter((s) => s.length > 0);
  }
  const sentence = body.split(/[。；;]/)[0] ?? '';
  return sentence
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
};

export const readInstitutions = (ctx: NarrativeContext, level: DocumentLevel = 'department'): Institutions => {
  const t = ctx.joined.text;
  const text = textAt(ctx, formatParagraphs(t), 0);
  const counts: InstitutionCount[] = [];
  let lastEnd = -1;
  for (const m of t.matchAll(COUNT_RE)) {
    const type = m[1];
    const raw = m[2];
    if (type === undefined || raw === undefined) continue;
    const count = countAt(ctx, raw, groupOffset(m, 2), `机构设置.${type}`);
    if (count) counts.push({ type, count });
    lastEnd = m.index + m[0].length;
  }
  const unitNames = lastEnd >= 0 ? readUnitNames(t.slice(lastEnd)) : [];
  // A unit budget describes one unit's internal offices; only a department lists its units by type.
  if (counts.length === 0) {
    if (level === 'unit') ctx.sink.info('figure-missing', '单位预算的机构设置未列出各类单位的数量', locate(ctx, 0), { field: '机构设置' });
    else ctx.sink.warning('figure-missing', '机构设置中未找到各类单位的数量（如“行政单位1家”）', locate(ctx, 0), { field: '机构设置' });
  }
  return { text, counts, unitNames };
};

// ---------------------------------------------------------------------------------------------
// 名词解释

export const readGlossary = (ctx: NarrativeContext): TextBlock => textAt(ctx, formatParagraphs(ctx.joined.text), 0);
