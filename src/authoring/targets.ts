/**
 * The target grammar of a performance indicator as the editor accepts it: an operator, a number
 * and a unit (`≥90%`, `≤20万元`, `=12次`), or a deadline (`2024年12月31日前`), or a short
 * qualitative phrase (`健全`, `有效提升`). Returns what is wrong, or undefined.
 */
import { normaliseTarget } from '#ingest/indicator-target.ts';

const DEADLINE = /^\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:前|之前|以前|底前|内|完成)$/;

export const checkTarget = (raw: string): string | undefined => {
  const t = raw.trim();
  if (t === '') return '为空。';
  const target = normaliseTarget(t);
  if ('operator' in target) {
    if (target.unit === '') return `“${t}”缺少计量单位（如 %、万元、次）。`;
    if (target.unit === '%' && Number(target.value) > 100 && target.operator !== '≤' && target.operator !== '<') return `“${t}”百分比超过100%。`;
    return undefined;
  }
  if (/^[≥≤<>=]/.test(t)) return `“${t}”不符合“运算符+数值+单位”的写法（如 ≥90%、≤20万元）。`;
  if (/\d{4}年/.test(t) && !DEADLINE.test(t)) return `“${t}”不是有效的时限写法（如 2024年12月31日前）。`;
  if (/XX|××|某某/.test(t)) return `“${t}”留有模板文字。`;
  return undefined;
};
