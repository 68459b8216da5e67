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
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('renderCsv', () => {
  it('writes the header then each row, CRLF-terminated', () => {
    expect(renderCsv({ header: ['a', 'b'], rows: [['1', 'x,y'], ['2', '']] })).toBe('a,b\r\n1,"x,y"\r\n2,\r\n');
  });
});
