/**
 * CSV (RFC 4180) from an export view: fields with a comma, a double quote or a line break are
 * quoted, quotes doubled; records end with CRLF.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return as a formula, so such a cell gets a leading `'` and is shown
 * as text. A plain number (`-1234.50`, an amount that went down) is no formula and stays a number.
 */
import type { ExportView } from './export-view.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The value as a spreadsheet will show it: text that would start a formula made inert. */
export const neutraliseFormula = (value: string): string => (FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value);

export const csvField = (raw: string): string => {
  const value = neutraliseFormula(raw);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
};

export const csvRecord = (fields: readonly string[]): string => fields.map(csvField).join(',');

export const renderCsv = (view: ExportView): string =>
  [view.header, ...view.rows].map((r) => `${csvRecord(r)}\r\n`).join('');
