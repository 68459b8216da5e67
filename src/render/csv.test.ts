import { describe, expect, it } from 'vitest';
import { csvField, renderCsv } from './csv.ts';

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['208 05 05', '208 05 05'],
    ['部门“三公”经费和机关运行经费预算表', '部门“三公”经费和机关运行经费预算表'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
    // OWASP CSV injection: formula starts made inert, plain (negative) numbers left alone.
    ['=HYPERLINK("http://x","点击")', `"'=HYPERLINK(""http://x"",""点击"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['-1234.50', '-1234.50'],
    ['-5', '-5'],
    ['1234.50', '1234.50'],
    ['一般公共服务支出=1', '一般公共服务支出=1'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('renderCsv', () => {
  it('writes the header then each row, CRLF-terminated', () => {
    expect(renderCsv({ header: ['a', 'b'], rows: [['1', 'x,y'], ['2', '']] })).toBe('a,b\r\n1,"x,y"\r\n2,\r\n');
  });
});
