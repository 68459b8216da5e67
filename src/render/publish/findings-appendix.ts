/**
 * The findings as an appendix to a published document, on request. The figures themselves are
 * never changed by a finding: the appendix only lists what the checks say about them.
 */
import { describeLocation, type Finding } from '#domain/index.ts';
import { escapeHtml } from './html-common.ts';

const SEVERITY: Readonly<Record<string, string>> = { error: '错误', warning: '警告', info: '提示' };

export const findingsAppendix = (findings: readonly Finding[]): string => {
  const rows = findings
    .map(
      (f, i) =>
        `<tr><td>${i + 1}</td><td>${escapeHtml(SEVERITY[f.severity] ?? f.severity)}</td><td><code>${escapeHtml(f.rule)}</code></td><td>${escapeHtml(f.location ? describeLocation(f.location) : '')}</td><td>${escapeHtml(f.message)}</td></tr>`,
    )
    .join('\n');
  const body =
    findings.length === 0
      ? '<p>检查未发现问题。</p>'
      : `<table>\n<thead><tr><th>序号</th><th>级别</th><th>规则</th><th>位置</th><th>说明</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
  return `<section class="findings-appendix" id="findings">\n<h2>附录 检查发现</h2>\n<p class="note">以下为 yusuan 对本文件的检查结果，文件中的数字均按原文印出，未作任何修改。</p>\n${body}\n</section>`;
};
