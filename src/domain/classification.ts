/**
 * Classification codes of the yearly 《政府收支分类科目》.
 * Functional (支出功能分类): 类 3 digits, 款 2, 项 2 — printed `208 05 05`.
 * Economic (部门预算支出经济分类): 类 3 digits, 款 2 — printed `301 08`.
 */

export type ClassificationScheme = 'functional' | 'economic';
export type ClassificationLevel = 1 | 2 | 3; // 类 / 款 / 项

export interface ClassificationCode {
  readonly scheme: ClassificationScheme;
  /** Segments as printed, zero-padded: ['208', '05', '05']. */
  readonly segments: readonly string[];
  /** The code as printed when padding changed it (`301 2` for 301 02): a slip a reviewer flags. */
  readonly printed?: string;
}

export const codeLevel = (c: ClassificationCode): ClassificationLevel => c.segments.length as ClassificationLevel;

/** `208 05 05` — single spaces, the canonical display and CSV form. */
export const formatCode = (c: ClassificationCode): string => c.segments.join(' ');

/** `20805` → parent of `2080505`; undefined for a 类. */
export const parentCode = (c: ClassificationCode): ClassificationCode | undefined =>
  c.segments.length > 1 ? { scheme: c.scheme, segments: c.segments.slice(0, -1) } : undefined;

export const sameCode = (a: ClassificationCode, b: ClassificationCode): boolean =>
  a.scheme === b.scheme && formatCode(a) === formatCode(b);

export const isChildOf = (child: ClassificationCode, parent: ClassificationCode): boolean =>
  child.scheme === parent.scheme &&
  child.segments.length === parent.segments.length + 1 &&
  parent.segments.every((s, i) => child.segments[i] === s);

/**
 * Parse printed segments into a code. Accepts `208 05 05`, `2080505`, `208-05-05`, and
 * single-digit 款 as some converters print them (`301 2` → `301 02`).
 */
export const parseCode = (text: string, scheme: ClassificationScheme): ClassificationCode | undefined => {
  const t = text.trim();
  let segs: string[];
  if (/^\d{3}(?:[\s\-.]+\d{1,2}){0,2}$/.test(t)) segs = t.split(/[\s\-.]+/);
  else if (/^\d{3}(?:\d{2}){0,2}$/.test(t)) segs = [t.slice(0, 3), t.slice(3, 5), t.slice(5, 7)].filter((s) => s.length > 0);
  else return undefined;
  const max = scheme === 'functional' ? 3 : 2;
  if (segs.length > max) return undefined;
  const segments = segs.map((s, i) => (i === 0 ? s : s.padStart(2, '0')));
  const padded = segs.some((s, i) => i > 0 && s.length < 2);
  return { scheme, segments, ...(padded ? { printed: segs.join(' ') } : {}) };
};

/** The 22 expenditure 类 of the functional classification (2024–2026 edition). Ordinal → name. */
export const FUNCTIONAL_CLASSES: ReadonlyArray<{ readonly code: string; readonly name: string }> = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化旅游体育与传媒支出' },
  { code: '208', name: '社会保障和就业支出' },
  { code: '210', name: '卫生健康支出' },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出' },
  { code: '213', name: '农林水支出' },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探工业信息等支出' },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出' },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '自然资源海洋气象等支出' },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出' },
  { code: '224', name: '灾害防治及应急管理支出' },
  { code: '227', name: '预备费' },
  { code: '229', name: '其他支出' },
  { code: '230', name: '转移性支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '233', name: '债务发行费用支出' },
];

/** The functional 类 code for a 类 name as tables 1 and 4 print it (without ordinal). */
export const functionalClassCodeByName = (name: string): string | undefined =>
  FUNCTIONAL_CLASSES.find((c) => c.name === name)?.code;
