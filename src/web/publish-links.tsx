/**
 * Download buttons for the published document: the official HTML at its stable department-year
 * URL (always the latest version), PDF, XLSX, and the open data package (budgets only).
 */
import type { DocumentDetail } from './api.ts';

const API_BASE = '/api';

export const publishedUrls = (d: Pick<DocumentDetail, 'documentId' | 'departmentId' | 'year' | 'kind'>) => {
  // A budget has a stable URL per department-year; a declaration (or a document without a year) by its id.
  const base = d.kind === 'budget-disclosure' && d.year !== undefined ? `${API_BASE}/departments/${d.departmentId}/years/${d.year}/published` : `${API_BASE}/documents/${d.documentId}/export`;
  return {
    html: `${base}.html`,
    pdf: `${base}.pdf`,
    xlsx: `${base}.xlsx`,
    dataPackage: `${API_BASE}/documents/${d.documentId}/datapackage.json`,
    dataCsv: `${API_BASE}/documents/${d.documentId}/budget-figures.csv`,
  };
};

export const PublishLinks = ({ d }: { readonly d: DocumentDetail }) => {
  const u = publishedUrls(d);
  return (
    <div className="doc-links publish-links" aria-label="正式文件与开放数据">
      <a className="button secondary" href={u.html} target="_blank" rel="noopener">
        正式文件（网页）
      </a>
      {/* Not `download`: when the server has no browser its Chinese 503 message shows in the tab. */}
      <a className="button secondary" href={u.pdf} target="_blank" rel="noopener">
        下载 PDF
      </a>
      <a className="button secondary" href={u.xlsx} download>
        下载 XLSX
      </a>
      {d.kind === 'budget-disclosure' ? (
        <>
          <a href={u.dataCsv} download>
            开放数据 CSV
          </a>
          <a href={u.dataPackage} target="_blank" rel="noopener">
            datapackage.json
          </a>
        </>
      ) : null}
    </div>
  );
};
