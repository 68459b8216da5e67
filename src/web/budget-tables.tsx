/**
 * The nine tables in the official layout: title, 编制部门 and 单位：元, the column headers as the
 * document prints them (tables 1 and 4 two-sided), classification rows indented by level
 * 类/款/项, empty cells blank, totals bold. Every row and cell has a stable id (table-layout.ts)
 * so a finding can scroll to it.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { cellFigure, formatWanYuan } from '#domain/index.ts';
import type { BudgetTable, MoneyFigure, TableRow } from '#domain/index.ts';
import { yuan } from './format.ts';
import { locationSourceRequest, ShowSourcePage, SourcePageButton } from './source-page.tsx';
import {
  cellId,
  codeColumnCount,
  displayName,
  isSubItem,
  MONEY_GROUP_TITLE,
  rowId,
  rowKey,
  rowLevel,
  tableId,
  twoSidedLayout,
} from './table-layout.ts';

/** A figure in the unit its table is printed in (单位：元 normally; some tables print 万元). */
const cellText = (f: MoneyFigure | undefined): string =>
  f === undefined ? '' : f.unit === '万元' ? formatWanYuan(f.amount, { grouped: true }) : yuan(f.amount);

/** Cell id → messages of the findings that point at it (see flaggedCells). */
export const FlaggedCells = createContext<ReadonlyMap<string, readonly string[]>>(new Map());

const cellTitle = (f: MoneyFigure | undefined, flags: readonly string[] | undefined): string | undefined => {
  const parts = [...(f ? [`第 ${f.source.line} 行：${f.raw}`] : []), ...(flags ?? [])];
  return parts.length > 0 ? parts.join('\n') : undefined;
};

/** A figure's text; on a document with its PDF, a button that opens the figure's page with its cell outlined. */
const CellFigure = ({ f, label }: { readonly f: MoneyFigure | undefined; readonly label: string }): ReactNode => {
  const show = useContext(ShowSourcePage);
  const request = locationSourceRequest(f?.source, label);
  if (show === undefined || request === undefined) return cellText(f);
  return (
    <button type="button" className="cell-source" title={`查看原文第${request.page}页`} onClick={() => show(request)}>
      {cellText(f)}
    </button>
  );
};

const Money = ({ table, row, column }: { readonly table: number; readonly row: TableRow; readonly column: string }): ReactNode => {
  const f = cellFigure(row, column);
  const id = cellId(table, rowKey(row), column);
  const flags = useContext(FlaggedCells).get(id);
  return (
    <td id={id} data-column={column} className={flags ? 'num flagged' : 'num'} title={cellTitle(f, flags)}>
      <CellFigure f={f} label={`表${table} ${rowKey(row)} / ${column}`} />
    </td>
  );
};

const TableCaption = ({ t }: { readonly t: BudgetTable }): ReactNode => (
  <div className="table-caption">
    <h3>
      {t.title.text || `${t.year ?? ''}年${t.standardName}`} <SourcePageButton request={locationSourceRequest(t.title.source, t.title.text || t.standardName)} />
    </h3>
    <div className="table-meta">
      <span>{t.preparer ? `编制部门：${t.preparer}` : ''}</span>
      <span>单位：{t.unit}</span>
    </div>
  </div>
);

const TwoSided = ({ t }: { readonly t: BudgetTable }): ReactNode => {
  const layout = twoSidedLayout(t);
  const rc = layout.revenueColumns;
  const ec = layout.expenditureColumns;
  const [revTitle, expTitle] = t.number === 1 ? ['本年收入', '本年支出'] : ['财政拨款收入', '财政拨款支出'];
  const side = (row: TableRow | undefined, columns: readonly string[]): ReactNode[] =>
    row
      ? [
          <td key="name" id={rowId(t.number, rowKey(row))} className={isSubItem(row) ? 'name indent-1' : 'name'}>
            {displayName(row)}
          </td>,
          ...columns.map((c) => <Money key={c} table={t.number} row={row} column={c} />),
        ]
      : [<td key="name" className="name" />, ...columns.map((c) => <td key={c} />)];
  return (
    <table className="grid official">
      <thead>
        <tr>
          <th colSpan={1 + rc.length}>{revTitle}</th>
          <th colSpan={1 + ec.length}>{expTitle}</th>
        </tr>
        <tr>
          <th>项目</th>
          {rc.map((c) => (
            <th key={c} className="num">{c}</th>
          ))}
          <th>项目</th>
          {ec.map((c) => (
            <th key={c} className="num">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {layout.lines.map((l, i) => (
          <tr key={i} className={l.revenue?.kind === 'total' || l.expenditure?.kind === 'total' ? 'total' : undefined}>
            {side(l.revenue, rc)}
            {side(l.expenditure, ec)}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const Classified = ({ t }: { readonly t: BudgetTable }): ReactNode => {
  const codeCols = codeColumnCount(t);
  const economic = codeCols === 2;
  const levels = economic ? ['类', '款'] : ['类', '款', '项'];
  const columns = t.columns;
  return (
    <table className="grid official">
      <thead>
        <tr>
          <th colSpan={codeCols + 1}>项目</th>
          <th colSpan={columns.length}>{MONEY_GROUP_TITLE[t.number] ?? ''}</th>
        </tr>
        <tr>
          <th colSpan={codeCols}>{economic ? '部门预算经济分类科目编码' : '功能分类科目编码'}</th>
          <th rowSpan={2}>{economic ? '经济分类科目名称' : '功能分类科目名称'}</th>
          {columns.map((c) => (
            <th key={c} rowSpan={2} className="num">
              {c}
            </th>
          ))}
        </tr>
        <tr>
          {levels.map((l) => (
            <th key={l} className="code">{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.length === 0 ? (
          <tr>
            <td colSpan={codeCols + 1 + columns.length} className="muted center">
              本表无数据
            </td>
          </tr>
        ) : null}
        {t.rows.map((row, i) => {
          const level = rowLevel(row);
          return (
            <tr key={`${rowKey(row)}-${i}`} id={rowId(t.number, rowKey(row))} className={row.kind === 'total' ? 'total' : `level-${level}`}>
              {row.kind === 'total' || !row.code ? (
                <td colSpan={codeCols + 1} className="name center">
                  {row.name}
                </td>
              ) : (
                <>
                  {levels.map((_, j) => (
                    <td key={j} className="code">
                      {row.code?.segments[j] ?? ''}
                    </td>
                  ))}
                  <td className={`name indent-${level}`}>{row.name}</td>
                </>
              )}
              {columns.map((c) => (
                <Money key={c} table={t.number} row={row} column={c} />
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
};

/** Table 9: one row under a two-level header (三公 parts, 公务用车 split into 小计/购置费/运行费). */
const ThreePublicTable = ({ t }: { readonly t: BudgetTable }): ReactNode => {
  const flagged = useContext(FlaggedCells);
  const year = t.year !== undefined ? `${t.year}年` : '';
  const has = (c: string): boolean => t.columns.includes(c);
  const vehicleCols = ['公务用车购置及运行费小计', '公务用车购置费', '公务用车运行费'].filter(has);
  const label: Readonly<Record<string, string>> = { 公务用车购置及运行费小计: '小计', 公务用车购置费: '购置费', 公务用车运行费: '运行费' };
  const order = ['合计', '因公出国(境)费', '公务接待费', ...vehicleCols, '机关运行经费'].filter(has);
  const extra = t.columns.filter((c) => !order.includes(c));
  return (
    <table className="grid official">
      <thead>
        <tr>
          <th colSpan={order.length - (has('机关运行经费') ? 1 : 0) + extra.length}>{year}“三公”经费预算数</th>
          {has('机关运行经费') ? <th rowSpan={3}>{year}机关运行经费预算数</th> : null}
        </tr>
        <tr>
          {['合计', '因公出国(境)费', '公务接待费'].filter(has).map((c) => (
            <th key={c} rowSpan={2}>{c}</th>
          ))}
          {vehicleCols.length > 0 ? <th colSpan={vehicleCols.length}>公务用车购置及运行费</th> : null}
          {extra.map((c) => (
            <th key={c} rowSpan={2}>{c}</th>
          ))}
        </tr>
        <tr>
          {vehicleCols.map((c) => (
            <th key={c}>{label[c] ?? c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.map((row, i) => (
          <tr key={i} id={rowId(t.number, rowKey(row) || `第${i + 1}行`)}>
            {[...order.filter((c) => c !== '机关运行经费'), ...extra, ...(has('机关运行经费') ? ['机关运行经费'] : [])].map((c) => {
              const f = cellFigure(row, c);
              const id = cellId(t.number, rowKey(row) || `第${i + 1}行`, c);
              const flags = flagged.get(id);
              return (
                <td key={c} id={id} data-column={c} className={flags ? 'num flagged' : 'num'} title={cellTitle(f, flags)}>
                  <CellFigure f={f} label={`表${t.number} ${rowKey(row) || `第${i + 1}行`} / ${c}`} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export const BudgetTableView = ({ t }: { readonly t: BudgetTable }): ReactNode => (
  <section className="budget-table" id={tableId(t.number)} data-table={t.number}>
    <TableCaption t={t} />
    <div className="table-scroll">
      {t.number === 1 || t.number === 4 ? <TwoSided t={t} /> : t.number === 9 ? <ThreePublicTable t={t} /> : <Classified t={t} />}
    </div>
    {t.note ? <p className="table-note">{t.note.text}</p> : null}
  </section>
);
