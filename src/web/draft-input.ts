/**
 * Typing and pasting amounts in the draft editor: text in 元 or 万元 (the grid's unit, or a
 * `万` / `万元` / `元` suffix typed with the number) to integer 分, exactly; a block pasted from
 * Excel (tab-separated rows) to a grid of cell texts.
 */
import { normaliseNumberText, parseWanYuan, parseYuan, type Fen, type MoneyUnit } from '#domain/index.ts';

export type AmountInput = { readonly ok: true; readonly amount: Fen } | { readonly ok: false; readonly message: string };

/** `1,234.56` (元), `12.5万`, `12.5 万元`, `（空）` → 分; blank is 0. */
export const parseAmountInput = (raw: string, unit: MoneyUnit): AmountInput => {
  const t = normaliseNumberText(raw).replace(/[¥￥]/g, '');
  if (t === '' || t === '-') return { ok: true, amount: 0 as Fen };
  const m = /^(.*?)(万元|万|元)?$/.exec(t);
  const number = m?.[1] ?? t;
  const u: MoneyUnit = m?.[2] === '万' || m?.[2] === '万元' ? '万元' : m?.[2] === '元' ? '元' : unit;
  const f = u === '万元' ? parseWanYuan(number) : parseYuan(number);
  if (f === undefined) {
    return { ok: false, message: u === '万元' ? `“${raw}”不是有效金额（万元最多六位小数）` : `“${raw}”不是有效金额（元最多两位小数）` };
  }
  if (f < 0) return { ok: false, message: `“${raw}”为负数，预算金额不能为负` };
  return { ok: true, amount: f };
};

/** A block copied from a spreadsheet: rows by line breaks, cells by tabs; a trailing line break dropped. */
export const parsePastedBlock = (text: string): string[][] => {
  const rows = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return rows.map((r) => r.split('\t').map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
};
