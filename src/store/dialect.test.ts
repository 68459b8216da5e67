import { describe, expect, it } from 'vitest';
import { escapeLike, foldForSearch, ftsPhrase, isUniqueViolation, readCount, readFen } from './dialect.ts';

describe('readFen', () => {
  it('reads int8 text from PostgreSQL exactly and refuses what is not a safe integer', () => {
    expect(readFen('8496652198')).toBe(8_496_652_198);
    expect(readFen('-5')).toBe(-5);
    expect(readFen(17_478_040_00)).toBe(17_478_040_00);
    expect(readFen(null)).toBeUndefined();
    expect(() => readFen('9007199254740993')).toThrow(/safe integer/);
    expect(() => readFen('1.5')).toThrow(/non-integer/);
  });
  it('reads counts', () => {
    expect(readCount('42')).toBe(42);
    expect(readCount(7)).toBe(7);
  });
});

describe('search text', () => {
  it('folds case and width the same way for stored text and queries', () => {
    expect(foldForSearch('办公ＯＡ系统 GIS')).toBe('办公oa系统 gis');
  });
  it('escapes LIKE wildcards and FTS quotes', () => {
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\');
    expect(ftsPhrase('政务"云')).toBe('"政务""云"');
  });
});

describe('isUniqueViolation', () => {
  it('knows both drivers’ codes', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_BUSY' })).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
