/**
 * Findings (from the rules) and diagnostics (from the reader) of one document. Each located
 * finding has a 定位 link that scrolls to and highlights the cell, row, project or section it
 * points at.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { describeLocation, fen, formatYuanGrouped } from '#domain/index.ts';
import type { Diagnostic, Finding, FindingFigure, Severity } from '#domain/index.ts';
import { SeverityBadge } from './common.tsx';
import { moneyInUnit, SEVERITY_LABEL } from './format.ts';
import { findingSourceRequest, SourcePageButton } from './source-page.tsx';
import { SECTION_IDS } from './table-layout.ts';

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Money in the page's one format per unit (not as printed: `154,369,326` and `154,369,326.00` are one figure). */
const figureText = (f: FindingFigure): string => {
  if (f.amount !== undefined && (f.unit === undefined || f.unit === '元' || f.unit === '万元')) return `${f.label}：${moneyInUnit(f.amount, f.unit)}`;
  const value = f.raw ?? '';
  return `${f.label}${value ? `：${value}${f.unit ? ` ${f.unit}` : ''}` : ''}`;
};

export const FindingsList = ({
  findings,
  diagnostics,
  onLocate,
}: {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** Scroll to a finding's location; returns false when nothing on the page matches it. */
  readonly onLocate: (f: Finding) => void;
}): ReactNode => {
  const [only, setOnly] = useState<Severity | undefined>(undefined);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => only === undefined || f.severity === only)
    .toSorted((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || (a.f.location?.line ?? 0) - (b.f.location?.line ?? 0));
  return (
    <section className="card" id={SECTION_IDS.findings}>
      <h2>审核发现（{findings.length} 条）</h2>
      {findings.length === 0 ? <p className="text-ok">未发现问题：各项勾稽关系均成立。</p> : null}
      {findings.length > 0 ? (
        <div className="chips" role="group" aria-label="按严重程度筛选">
          <button type="button" className={only === undefined ? 'chip active' : 'chip'} onClick={() => setOnly(undefined)}>
            全部 {findings.length}
          </button>
          {(['error', 'warning', 'info'] as const).map((sev) =>
            counts[sev] > 0 ? (
              <button key={sev} type="button" className={only === sev ? `chip active chip-${sev}` : `chip chip-${sev}`} onClick={() => setOnly(sev)}>
                {SEVERITY_LABEL[sev]} {counts[sev]}
              </button>
            ) : null,
          )}
        </div>
      ) : null}
      <ol className="findings">
        {sorted.map(({ f, i }) => (
          <li key={i} className={`finding finding-${f.severity}`} data-rule={f.rule}>
            <div className="finding-head">
              <SeverityBadge severity={f.severity} />
              <span className="finding-message">{f.message}</span>
            </div>
            <div className="finding-meta">
              <code>{f.rule}</code>
              {f.location ? <span>{describeLocation(f.location)}</span> : null}
              {f.location ? (
                <a
                  href="#"
                  className="locate"
                  onClick={(e) => {
                    e.preventDefault();
                    onLocate(f);
                  }}
                >
                  定位
                </a>
              ) : null}
              <SourcePageButton request={findingSourceRequest(f)} />
            </div>
            {f.figures.length > 0 || f.difference !== undefined ? (
              <div className="finding-figures">
                {f.figures.map((x, j) => (
                  <span key={j}>{figureText(x)}</span>
                ))}
                {f.difference !== undefined ? <span>差额：{formatYuanGrouped(fen(f.difference))} 元</span> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {diagnostics.length > 0 ? (
        <details className="diagnostics">
          <summary>读取提示（{diagnostics.length} 条）</summary>
          <ul>
            {diagnostics.map((d, i) => (
              <li key={i}>
                <SeverityBadge severity={d.severity} /> <code>{d.code}</code> {d.message}
                {d.location ? <span className="muted"> · {describeLocation(d.location)}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
};
