import { describe, expect, it } from 'vitest';
import { toLines } from '../text.ts';
import { formatParagraphs, joinLines, normaliseNarrativeSpacing, parseCountText } from './joined.ts';

describe('joinLines', () => {
  it('joins a number wrapped across lines and maps offsets back to source lines', () => {
    const j = joinLines(toLines('支出预算8,496.652198万元，比2024年预算增加4,565.466768万\n元，增长116.13%'));
    expect(j.text).toBe('支出预算8,496.652198万元，比2024年预算增加4,565.466768万元，增长116.13%');
    expect(j.lineAt(j.text.indexOf('4,565'))).toBe(1);
    expect(j.lineAt(j.text.indexOf('增长'))).toBe(2);
  });

  it('joins digits split mid-number without a separator', () => {
    const j = joinLines(toLines('收入预算18,976.7\n6万元'));
    expect(j.text).toBe('收入预算18,976.76万元');
  });

  it('skips blank lines and page numbers but keeps source numbering', () => {
    const j = joinLines(toLines('\n第一行\n\n- 3 -\n第二行'));
    expect(j.text).toBe('第一行第二行');
    expect(j.firstLine).toBe(2);
    expect(j.lineAt(3)).toBe(5);
  });

  it('reports line 0 for an empty section', () => {
    expect(joinLines([]).lineAt(0)).toBe(0);
  });
});

describe('normaliseNarrativeSpacing', () => {
  it.each([
    ['行政单位 1 家，参公单位 1 家', '行政单位1家，参公单位1家'],
    ['1. “行政运行”科目', '1.“行政运行”科目'],
    ['网络安全建设和维护\t（运维）', '网络安全建设和维护（运维）'],
    ['DB31DSJZ   004-2022', 'DB31DSJZ 004-2022'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseNarrativeSpacing(raw)).toBe(expected);
  });
});

describe('formatParagraphs', () => {
  it('breaks before numbered items that follow a sentence end, never inside numbers', () => {
    expect(formatParagraphs('主要工作职责如下：1、负责甲。2、负责乙，金额174.7804万元。（一）丙')).toBe(
      '主要工作职责如下：\n1、负责甲。\n2、负责乙，金额174.7804万元。\n（一）丙',
    );
  });
});

describe('parseCountText', () => {
  it.each([
    ['7', 7],
    ['41', 41],
    ['七', 7],
    ['十二', 12],
    ['二十三', 23],
    ['两', 2],
    ['一百零五', 105],
  ])('%s → %d', (raw, n) => {
    expect(parseCountText(raw)).toBe(n);
  });
  it('rejects non-counts', () => {
    expect(parseCountText('7.5')).toBeUndefined();
    expect(parseCountText('若干')).toBeUndefined();
  });
});
