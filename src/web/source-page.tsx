/**
 * The source page of a document read from a PDF: 「查看原文第N页」 beside a finding, a table or a
 * cell opens a viewer that draws that page (pdf.js, in the browser, from
 * GET /api/documents/:id/source) with the figure's box outlined.
 */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { sourceUrl } from './api.ts';
import type { RenderedPage } from './pdf-render.ts';
import { boxOnPage } from './source-geometry.ts';
import type { SourcePageRequest } from './source-geometry.ts';

export { findingSourceRequest, locationSourceRequest } from './source-geometry.ts';
export type { SourcePageRequest } from './source-geometry.ts';

/** Open the viewer; undefined when the document has no stored PDF. */
export const ShowSourcePage = createContext<((r: SourcePageRequest) => void) | undefined>(undefined);

/** 「查看原文第N页」, shown only when the document has its PDF and the request has a page. */
export const SourcePageButton = ({ request, compact = false }: { readonly request: SourcePageRequest | undefined; readonly compact?: boolean }): ReactNode => {
  const show = useContext(ShowSourcePage);
  if (show === undefined || request === undefined) return null;
  const text = `查看原文第${request.page}页`;
  return (
    <button type="button" className={compact ? 'source-link compact' : 'source-link'} title={text} aria-label={compact ? text : undefined} onClick={() => show(request)}>
      {compact ? '原文' : text}
    </button>
  );
};

type ViewState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly page: RenderedPage } | { readonly status: 'error'; readonly message: string };

export const SourcePageViewer = ({ documentId, request, onClose }: { readonly documentId: number; readonly request: SourcePageRequest; readonly onClose: () => void }): ReactNode => {
  const canvas = useRef<HTMLCanvasElement>(null);
  const firstOutline = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<ViewState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const abort = new AbortController();
    setState({ status: 'loading' });
    const target = canvas.current;
    if (target === null) return;
    const available = Math.min(1000, window.innerWidth - 64);
    import('./pdf-render.ts')
      .then((m) => m.renderPage(sourceUrl(documentId), request.page, target, available, abort.signal))
      .then(
        (page) => {
          if (!cancelled) setState({ status: 'ready', page });
        },
        (e: unknown) => {
          if (!cancelled) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
        },
      );
    return () => {
      cancelled = true;
      abort.abort();
    };
  }, [documentId, request.page]);

  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    if (state.status === 'ready') firstOutline.current?.scrollIntoView({ block: 'center', inline: 'center' });
  }, [state]);

  const outlines =
    state.status === 'ready'
      ? request.boxes.flatMap((box) => {
          const r = boxOnPage(box, state.page.height, state.page.scale);
          return r ? [{ box, r }] : [];
        })
      : [];
  return (
    <div className="source-backdrop" onClick={onClose}>
      <div className="source-dialog" role="dialog" aria-modal="true" aria-label={`原文第${request.page}页`} onClick={(e) => e.stopPropagation()}>
        <div className="source-head">
          <strong>原文第 {request.page} 页{state.status === 'ready' ? `（共 ${state.page.pageCount} 页）` : ''}</strong>
          <span className="source-label">{request.label}</span>
          <a href={sourceUrl(documentId)} target="_blank" rel="noopener noreferrer">
            打开 PDF
          </a>
          <button type="button" ref={close} onClick={onClose}>
            关闭
          </button>
        </div>
        {state.status === 'loading' ? <p className="muted">正在绘制原文页面…</p> : null}
        {state.status === 'error' ? <p className="text-error">无法显示原文页面：{state.message}</p> : null}
        <div className="source-page" data-page={request.page} data-state={state.status}>
          <canvas ref={canvas} aria-label={`原文第${request.page}页的图像`} />
          {outlines.map(({ box, r }, i) => (
            <div
              key={i}
              ref={i === 0 ? firstOutline : undefined}
              className="source-outline"
              data-bbox={box.join(',')}
              style={{ left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` }}
            />
          ))}
        </div>
      </div>
    </div>
  );
};
