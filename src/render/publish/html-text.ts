/**
 * A small, well-defined HTML → text conversion (the fast stand-in for a browser's `innerText`
 * in tests and for readers of published HTML):
 *
 * - text is whitespace-collapsed (runs of space, tab, newline → one space), entities decoded;
 * - block elements (`p`, `div`, `h1`–`h6`, `li`, `section`, `table`, `tr`, …) and `<br>` end a line;
 * - the cells of one table row are joined by TAB, empty cells kept (a row of N cells gives N−1 tabs);
 * - `<head>`, `<style>`, `<script>` contribute nothing.
 *
 * Lines are trimmed of collapsible spaces at their ends. As in a browser's `innerText`, a `<p>` is
 * set off by one blank line before and after; other blocks only start and end lines (never more
 * than one blank line in a row, none at the start or end).
 */

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const SKIP = new Set(['head', 'style', 'script', 'template']);

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

export const htmlToText = (html: string): string => {
  const lines: string[] = [];
  let line = '';
  let cellIndex = -1; // index of the current cell in the current row, -1 outside a row
  let skipDepth = 0;
  const endLine = (blank = false): void => {
    const t = line.replace(/^ +| +$/g, '');
    if (t !== '') lines.push(t);
    if (blank && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    line = '';
  };
  const tokens = html.replace(/<!--[\s\S]*?-->/g, '').split(/(<[^>]*>)/);
  for (const tok of tokens) {
    if (tok.startsWith('<')) {
      const m = /^<\s*(\/?)\s*([a-zA-Z0-9!]+)/.exec(tok);
      if (!m) continue;
      const closing = m[1] === '/';
      const tag = (m[2] ?? '').toLowerCase();
      if (SKIP.has(tag)) {
        skipDepth += closing ? -1 : 1;
        continue;
      }
      if (skipDepth > 0) continue;
      if (tag === 'br') {
        endLine();
        continue;
      }
      if (tag === 'td' || tag === 'th') {
        if (!closing) {
          if (cellIndex >= 0) line = `${line.replace(/ +$/, '')}\t`;
          cellIndex++;
        }
        continue;
      }
      if (tag === 'tr') {
        if (!closing) {
          endLine();
          cellIndex = -1;
        } else {
          // Keep empty cells: a row's tabs are its structure, so its line is not trimmed of them.
          lines.push(line.replace(/^ +| +$/g, ''));
          line = '';
          cellIndex = -1;
        }
        continue;
      }
      if (BLOCK.has(tag)) endLine(tag === 'p');
      continue;
    }
    if (skipDepth > 0) continue;
    const text = decodeEntities(tok.replace(/[ \t\n\r\f]+/g, ' '));
    if (cellIndex >= 0 && line.endsWith('\t') && text.startsWith(' ')) line += text.slice(1);
    else if (line === '' && text.startsWith(' ')) line += text.slice(1);
    else line += text;
  }
  endLine();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
};
