/**
 * The performance-indicator taxonomy (一级指标 → 二级指标) as data.
 *
 * Source: 财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) and its indicator framework as
 * restated for target setting in 财预〔2021〕101号 (中央部门项目支出核心绩效目标和指标设置及取值指引):
 * 产出 / 效益 / 满意度 / 成本. Older forms (before 成本指标 became a 一级 category) list 成本指标 as a
 * 二级 under 产出指标; that placement is kept as a `legacy` entry so older declarations still read.
 */

export interface Level1Category {
  readonly name: string;
  readonly level2: readonly string[];
}

export const INDICATOR_TAXONOMY_SOURCE = '财预〔2021〕101号';

export const INDICATOR_TAXONOMY: readonly Level1Category[] = [
  { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标'] },
  { name: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
  { name: '满意度指标', level2: ['服务对象满意度指标'] },
  { name: '成本指标', level2: ['经济成本指标', '社会成本指标', '生态环境成本指标'] },
];

/** Placements accepted from older forms: 二级 → the 一级 it used to sit under. */
export const LEGACY_PLACEMENTS: readonly { readonly level1: string; readonly level2: string }[] = [
  { level1: '产出指标', level2: '成本指标' },
];

const squash = (s: string): string => s.replace(/\s+/g, '');

const LEVEL1 = new Set(INDICATOR_TAXONOMY.map((c) => c.name));
const PARENT = new Map<string, string>(INDICATOR_TAXONOMY.flatMap((c) => c.level2.map((l2) => [l2, c.name] as const)));

export const isLevel1Name = (name: string): boolean => LEVEL1.has(squash(name));
export const isLevel2Name = (name: string): boolean => PARENT.has(squash(name));

/** The 一级 a 二级 belongs to under the current taxonomy, or undefined for an unknown name. */
export const level1Of = (level2: string): string | undefined => PARENT.get(squash(level2));

export const isLegacyPlacement = (level1: string, level2: string): boolean =>
  LEGACY_PLACEMENTS.some((p) => p.level1 === squash(level1) && p.level2 === squash(level2));

/** Does `level2` belong under `level1` (current taxonomy or a legacy placement)? */
export const belongsTo = (level1: string, level2: string): boolean =>
  level1Of(level2) === squash(level1) || isLegacyPlacement(level1, level2);

/** Every category name (both levels), for fragment matching. */
export const ALL_CATEGORY_NAMES: readonly string[] = [...LEVEL1, ...PARENT.keys()];
