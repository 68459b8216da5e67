/** Small shared pieces of the UI. */
import type { ReactNode } from 'react';
import type { Severity } from '#domain/index.ts';
import { SEVERITY_LABEL } from './format.ts';

export const Loading = (): ReactNode => <div className="notice loading">正在加载…</div>;

export const ErrorNotice = ({ message }: { readonly message: string }): ReactNode => (
  <div className="notice error" role="alert">
    {message}
  </div>
);

export const SeverityBadge = ({ severity }: { readonly severity: Severity }): ReactNode => (
  <span className={`badge badge-${severity}`}>{SEVERITY_LABEL[severity]}</span>
);

/** A figure shown in 万元 in summaries, with the exact 元 amount as tooltip. */
export const Stat = ({ label, children }: { readonly label: string; readonly children: ReactNode }): ReactNode => (
  <div className="stat">
    <div className="stat-label">{label}</div>
    <div className="stat-value">{children}</div>
  </div>
);
