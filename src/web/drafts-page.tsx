/**
 * 编制草稿: the drafts being written, and how to start one — from a stored year (next year's
 * draft, figures moved to 上年; or that year as it is), from a disclosure's text file, or empty.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { listDepartments, uploadDocument } from './api.ts';
import { ErrorNotice, Loading } from './common.tsx';
import { createDraft, listDrafts } from './draft-api.ts';
import { href } from './router.ts';
import { errorMessage, useAsync } from './use-async.ts';

const STATUS_LABEL: Readonly<Record<string, string>> = { draft: '编辑中', submitted: '已提交' };

const StartFromStored = ({ onError }: { readonly onError: (m: string) => void }): ReactNode => {
  const departments = useAsync((s) => listDepartments(s), []);
  const [documentId, setDocumentId] = useState<number | undefined>(undefined);
  const [mode, setMode] = useState<'next-year' | 'same-year'>('next-year');
  const [busy, setBusy] = useState(false);
  if (departments.status === 'loading') return <Loading />;
  if (departments.status === 'error') return <ErrorNotice message={departments.message} />;
  const options = departments.data.flatMap((d) => d.years.filter((y) => y.kind === 'budget-disclosure').map((y) => ({ id: y.documentId, label: `${d.name} ${y.year}年` })));
  if (options.length === 0) return <p className="muted">尚无已存的预算公开文件。可先在“上传文件”中导入上一年的文件。</p>;
  const chosen = documentId ?? options[0]?.id;
  const start = async (): Promise<void> => {
    if (chosen === undefined) return;
    setBusy(true);
    try {
      const d = await createDraft({ from: 'document', documentId: chosen, mode });
      window.location.hash = href.draft(d.id).slice(1);
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form-row">
      <label className="grow">
        已存文件
        <select aria-label="已存文件" value={chosen} onChange={(e) => setDocumentId(Number(e.target.value))}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        方式
        <select aria-label="方式" value={mode} onChange={(e) => setMode(e.target.value as 'next-year' | 'same-year')}>
          <option value="next-year">编制下一年（本年数字移入上年）</option>
          <option value="same-year">导入该年（数字照录）</option>
        </select>
      </label>
      <button type="button" disabled={busy} onClick={() => void start()}>
        开始编制
      </button>
    </div>
  );
};

const StartEmpty = ({ onError }: { readonly onError: (m: string) => void }): ReactNode => {
  const [department, setDepartment] = useState('');
  const [district, setDistrict] = useState('');
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const [level, setLevel] = useState<'department' | 'unit'>('department');
  const start = async (): Promise<void> => {
    try {
      const d = await createDraft({ from: 'empty', level, year, district, department });
      window.location.hash = href.draft(d.id).slice(1);
    } catch (e) {
      onError(errorMessage(e));
    }
  };
  return (
    <div className="form-row">
      <label className="grow">
        部门（单位）名称
        <input value={department} onChange={(e) => setDepartment(e.target.value)} placeholder="上海市××区××局" />
      </label>
      <label>
        区
        <input value={district} onChange={(e) => setDistrict(e.target.value)} placeholder="上海市××区" />
      </label>
      <label>
        年度
        <input type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} />
      </label>
      <label>
        层级
        <select value={level} onChange={(e) => setLevel(e.target.value as 'department' | 'unit')}>
          <option value="department">部门预算</option>
          <option value="unit">单位预算</option>
        </select>
      </label>
      <button type="button" disabled={department.trim() === ''} onClick={() => void start()}>
        新建空白草稿
      </button>
    </div>
  );
};

const StartFromFile = ({ onError }: { readonly onError: (m: string) => void }): ReactNode => {
  const [status, setStatus] = useState<string | undefined>(undefined);
  const start = async (file: File): Promise<void> => {
    try {
      // A PDF is read by the server: it is stored like any upload, then imported as that year.
      if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) {
        setStatus('正在上传并读取 PDF…');
        const uploaded = await uploadDocument(file, () => undefined).done;
        if (uploaded.document.kind !== 'budget-disclosure') throw new Error('上传的文件不是部门（单位）预算公开文件。');
        const d = await createDraft({ from: 'document', documentId: uploaded.document.documentId, mode: 'same-year' });
        window.location.hash = href.draft(d.id).slice(1);
        return;
      }
      const d = await createDraft({ from: 'text', text: await file.text() });
      window.location.hash = href.draft(d.id).slice(1);
    } catch (e) {
      setStatus(undefined);
      onError(errorMessage(e));
    }
  };
  return (
    <div className="form-row">
      <label>
        预算公开文件（.txt 或 .pdf）
        <input type="file" accept=".txt,.pdf,text/plain,application/pdf" onChange={(e) => e.target.files?.[0] && void start(e.target.files[0])} />
      </label>
      {status && <span className="muted">{status}</span>}
    </div>
  );
};

export const DraftsPage = (): ReactNode => {
  const drafts = useAsync((s) => listDrafts(s), []);
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <div className="drafts-page">
      <section className="card">
        <h2>编制预算公开草稿</h2>
        <p className="muted">每个数字只填一次（末级科目 × 基本/项目 × 资金来源），九张表、合计与编制说明由系统推导，核对随改随查。</p>
        {error && <ErrorNotice message={error} />}
        <h3>由已存年度开始</h3>
        <StartFromStored onError={setError} />
        <h3>由上传文件导入</h3>
        <StartFromFile onError={setError} />
        <h3>空白模板</h3>
        <StartEmpty onError={setError} />
      </section>
      <section className="card">
        <h2>草稿</h2>
        {drafts.status === 'loading' && <Loading />}
        {drafts.status === 'error' && <ErrorNotice message={drafts.message} />}
        {drafts.status === 'ready' &&
          (drafts.data.length === 0 ? (
            <p className="muted">还没有草稿。</p>
          ) : (
            <table className="grid compact drafts-list">
              <thead>
                <tr>
                  <th>部门（单位）</th>
                  <th>年度</th>
                  <th>状态</th>
                  <th>版本</th>
                  <th>错误</th>
                  <th>修改时间</th>
                </tr>
              </thead>
              <tbody>
                {drafts.data.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={href.draft(d.id)}>{d.department || '（未命名）'}</a>
                    </td>
                    <td className="num">{d.year}</td>
                    <td>{STATUS_LABEL[d.status] ?? d.status}</td>
                    <td className="num">{d.version}</td>
                    <td className="num">{d.errorCount}</td>
                    <td>{d.updatedAt.replace('T', ' ').slice(0, 19)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </section>
    </div>
  );
};
