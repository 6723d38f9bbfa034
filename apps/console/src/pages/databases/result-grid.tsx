import type { ReactNode } from 'react';
import type { Row } from '../../api/database-types.js';
import { cn } from '../../lib/cn.js';
import { cellText } from './cell-text.js';

/** Rows as a compact grid; `header` and `lead`/`trail` let the data browser add sorting, selection and actions. */
export function ResultGrid({
  columns,
  rows,
  header,
  lead,
  trail,
  rowTestId = 'result-row',
  'data-testid': testId,
}: {
  columns: string[];
  rows: Row[];
  header?: (column: string) => ReactNode;
  lead?: (row: Row) => ReactNode;
  trail?: (row: Row) => ReactNode;
  rowTestId?: string;
  'data-testid'?: string;
}) {
  return (
    <div className="max-h-[28rem] overflow-auto rounded-md ring-1 ring-slate-200" data-testid={testId}>
      <table className="w-full text-xs">
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            {lead !== undefined && <th className="w-8 px-2" />}
            {columns.map((column) => (
              <th
                key={column}
                scope="col"
                className="whitespace-nowrap px-3 py-2 text-left font-mono font-medium text-slate-600"
              >
                {header === undefined ? column : header(column)}
              </th>
            ))}
            {trail !== undefined && <th className="w-16" />}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => (
            <tr key={index} className="hover:bg-slate-50/60" data-testid={rowTestId}>
              {lead !== undefined && <td className="px-2">{lead(row)}</td>}
              {columns.map((column) => (
                <td
                  key={column}
                  className={cn(
                    'max-w-xs truncate px-3 py-1.5 font-mono text-slate-700',
                    (row[column] === null || row[column] === undefined) && 'text-slate-400',
                  )}
                  title={cellText(row[column])}
                >
                  {cellText(row[column])}
                </td>
              ))}
              {trail !== undefined && <td className="px-2 text-right">{trail(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
