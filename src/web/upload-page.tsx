/**
 * Upload documents (file picker or drag & drop, several at once): each file is sent in turn with
 * its upload progress shown, then its findings and a link to the stored document.
 */
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { describeLocation } from '#domain/index.ts';
import type { Diagnostic } from '#domain/index.ts';
import { ApiRequestError, errorDiagnostics, getDocument, uploadDocument } from './api.ts';
import type { UploadResult } from './api.ts';
import { SeverityBadge } from './common.tsx';
import { readingSummary, type ReadingSummary } from './reading-summary.ts';
import { href } from './router.ts';
import { errorMessage } from './use-async.ts';
import { UploadAccessNotice } from './upload-access-notice.tsx';

type Job =
  | { readonly id: number; readonly name: string; readonly size: number; readonly status: 'queued' }
  | { readonly id: number; readonly name: string; readonly size: number; readonly status: 'uploading'; readonly loaded: number; readonly total?: number }
  | { readonly id: number; readonly name: string; readonly size: number; readonly status: 'done'; readonly result: UploadResult; readonly reading?: ReadingSummary }
  | { readonly id: number; readonly name: string; readonly size: number; readonly status: 'failed'; readonly message: string; readonly code?: string; readonly diagnostics: readonly Diagnostic[] };

/** Whole percent of bytes sent (integers only; this is a byte count, not money). */
export const progressPercent = (loaded: number, total: number | undefined): number | undefined =>
  total === undefined || total <= 0 ? undefined : Math.min(100, Math.floor((loaded * 100) / total));

const kb = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** What was read and what was not: a partial reading is said plainly, never a bare 完成. */
const Reading = ({ s }: { readonly s: ReadingSummary }): ReactNode => (
  <div className={`reading ${s.complete ? 'reading-complete' : 'reading-partial'}`}>
    <p>
      已读到：{s.read.join('，')}
      {s.readingErrors > 0 ? `；读取错误 ${s.readingErrors} 条` : ''}
    </p>
    {s.missing.length > 0 ? (
      <p className="text-warning reading-missing">
        未读到：{s.missing.join('、')}。页面上这些部分将显示为空（—），请检查原文件或转换方式。
      </p>
    ) : null}
  </div>
);

const Result = ({ r }: { readonly r: UploadResult }): ReactNode => {
  const d = r.document;
  const docHref = d.kind === 'budget-disclosure' && d.year !== undefined ? href.departmentYear(d.departmentId, d.year) : href.document(d.documentId);
  return (
    <div className="upload-result">
      <p>
        {r.created ? '已入库' : '该文件此前已入库（内容相同，未重复保存）'}：
        <a href={docHref} className="doc-link">
          {d.department}
          {d.year !== undefined ? ` ${d.year}年` : ''}
        </a>
        <span className="muted"> · 第 {d.version} 版 · 审核发现 {r.findings.length} 条 · 读取提示 {r.diagnostics.length} 条</span>
      </p>
      {r.findings.length > 0 ? (
        <ul className="findings small">
          {r.findings.map((f, i) => (
            <li key={i}>
              <SeverityBadge severity={f.severity} /> {f.message}
              {f.location ? <span className="muted"> · {describeLocation(f.location)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {r.diagnostics.some((x) => x.severity === 'error') ? (
        <ul className="findings small">
          {r.diagnostics
            .filter((x) => x.severity === 'error')
            .map((x, i) => (
              <li key={i}>
                <SeverityBadge severity={x.severity} /> {x.message}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
};

const JobRow = ({ j }: { readonly j: Job }): ReactNode => {
  const pct = j.status === 'uploading' ? progressPercent(j.loaded, j.total) : j.status === 'done' ? 100 : undefined;
  return (
    <li className={`job job-${j.status}${j.status === 'done' && j.reading?.complete === false ? ' job-partial' : ''}`} data-file={j.name}>
      <div className="job-head">
        <strong>{j.name}</strong>
        <span className="muted">{kb(j.size)}</span>
        <span className="job-status">
          {j.status === 'queued'
            ? '等待上传'
            : j.status === 'uploading'
              ? pct === 100
                ? '上传完成，正在读取与审核…'
                : `上传中 ${pct ?? ''}%`
              : j.status === 'done'
                ? j.reading === undefined || j.reading.complete
                  ? '完成'
                  : '部分读取'
                : '失败'}
        </span>
      </div>
      {j.status === 'uploading' || j.status === 'done' ? (
        <progress max={100} value={pct ?? 0} aria-label={`${j.name} 上传进度`} />
      ) : null}
      {j.status === 'done' && j.reading !== undefined ? <Reading s={j.reading} /> : null}
      {j.status === 'done' ? <Result r={j.result} /> : null}
      {j.status === 'failed' ? (
        <p className="text-error job-error" data-error-code={j.code}>
          {j.message}
        </p>
      ) : null}
      {j.status === 'failed' && j.diagnostics.length > 0 ? (
        <ul className="findings small">
          {j.diagnostics.map((d, i) => (
            <li key={i}>
              <SeverityBadge severity={d.severity} /> <code>{d.code}</code> {d.message}
              {d.location ? <span className="muted"> · {describeLocation(d.location)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
};

export const UploadPage = (): ReactNode => {
  const [jobs, setJobs] = useState<Job[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const update = (id: number, next: Job): void => setJobs((js) => js.map((j) => (j.id === id ? next : j)));

  const enqueue = (files: readonly File[]): void => {
    for (const file of files) {
      const base = { id: nextId.current++, name: file.name, size: file.size };
      setJobs((js) => [{ ...base, status: 'queued' }, ...js]);
      // One upload at a time: the server reads and checks each document in turn anyway.
      queue.current = queue.current.then(async () => {
        update(base.id, { ...base, status: 'uploading', loaded: 0, total: file.size });
        try {
          const { done } = uploadDocument(file, (p) =>
            update(base.id, { ...base, status: 'uploading', loaded: p.loaded, ...(p.total !== undefined ? { total: p.total } : {}) }),
          );
          const result = await done;
          // The stored model says what was read (tables, projects, indicators) and what was not.
          const reading = await getDocument(result.document.documentId).then(
            (detail) => readingSummary(detail.model, result.diagnostics),
            () => undefined,
          );
          update(base.id, { ...base, status: 'done', result, ...(reading !== undefined ? { reading } : {}) });
        } catch (e) {
          const code = e instanceof ApiRequestError ? e.code : undefined;
          update(base.id, { ...base, status: 'failed', message: errorMessage(e), ...(code !== undefined ? { code } : {}), diagnostics: errorDiagnostics(e) });
        }
      });
    }
  };

  return (
    <div className="page upload">
      <div className="page-head">
        <h1>上传文件</h1>
        <p className="muted">支持部门预算公开文件和财政支出项目绩效目标申报表：发布的 PDF 原件，或其文本（.txt）。上传后自动读取、审核并入库。</p>
        <UploadAccessNotice />
      </div>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          enqueue([...e.dataTransfer.files]);
        }}
        onClick={() => input.current?.click()}
        role="button"
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') input.current?.click();
        }}
      >
        <p className="dropzone-title">将文件拖放到此处，或点击选择文件</p>
        <p className="muted">可一次选择多个文件</p>
        <input
          ref={input}
          type="file"
          name="file"
          multiple
          accept=".pdf,.txt,application/pdf,text/plain"
          hidden
          onChange={(e) => {
            enqueue([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </div>
      {jobs.length > 0 ? <ul className="jobs">{jobs.map((j) => <JobRow key={j.id} j={j} />)}</ul> : null}
    </div>
  );
};
