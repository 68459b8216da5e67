/**
 * CSV (RFC 4180) from an export view: fields with a comma, a double quote or a line break are
 * quoted, quotes doubled; records end with CRLF.
 */
import type { ExportView } from './export-view.ts';

export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const csvRecord = (fields: readonly string[]): string => fields.map(csvField).join(',');

export const renderCsv = (view: ExportView): string =>
  [view.header, ...view.rows].map((r) => `${csvRecord(r)}\r\n`).join('');
