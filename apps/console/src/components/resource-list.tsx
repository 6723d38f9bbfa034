import type { UseQueryResult } from '@tanstack/react-query';
import type { LucideIcon } from 'lucide-react';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm-dialog.js';
import { ErrorState } from './error-state.js';
import { Button } from './ui/button.js';
import { Card } from './ui/card.js';
import { EmptyState } from './ui/empty-state.js';
import { SkeletonRows } from './ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './ui/table.js';

export interface ResourceColumn<T> {
  header: ReactNode;
  cell: (item: T) => ReactNode;
  /** The cell's tooltip, e.g. the full date behind a relative one. */
  title?: (item: T) => string;
  className?: string;
  'data-testid'?: string;
}

/** Deleting a row: asked first, then `run`; the dialog shows a failure and stays open. */
export interface ResourceRemoval<T> {
  title: ReactNode;
  body: (item: T) => ReactNode;
  run: (item: T) => Promise<void>;
  testId: string;
}

/**
 * A space's resources as a card: loading rows, the load error with a retry, the empty state, or the table with a
 * delete button per row (only when `remove` is given, i.e. the person may edit).
 */
export function ResourceList<T>({
  query,
  columns,
  rowKey,
  rowProps,
  empty,
  remove,
  tableTestId,
}: {
  query: UseQueryResult<{ items: T[] }>;
  columns: ResourceColumn<T>[];
  rowKey: (item: T) => string | number;
  /** The row's test id and data attributes. */
  rowProps: (item: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number>;
  empty: { icon: LucideIcon; title: ReactNode; description?: ReactNode; action?: ReactNode };
  remove?: ResourceRemoval<T> | undefined;
  tableTestId: string;
}) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState<T | null>(null);
  const items = query.data?.items;
  return (
    <Card>
      {query.isPending && <SkeletonRows label={t('common.loading')} />}
      {items === undefined && query.isError && (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      )}
      {items !== undefined && items.length === 0 && <EmptyState {...empty} />}
      {items !== undefined && items.length > 0 && (
        <Table data-testid={tableTestId}>
          <TableHead>
            <tr>
              {columns.map((column, index) => (
                <TableHeader key={index} className={column.className}>
                  {column.header}
                </TableHeader>
              ))}
              {remove !== undefined && (
                <TableHeader className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHeader>
              )}
            </tr>
          </TableHead>
          <TableBody>
            {items.map((item) => (
              <TableRow key={rowKey(item)} {...rowProps(item)}>
                {columns.map((column, index) => (
                  <TableCell
                    key={index}
                    className={column.className}
                    title={column.title?.(item)}
                    data-testid={column['data-testid']}
                  >
                    {column.cell(item)}
                  </TableCell>
                ))}
                {remove !== undefined && (
                  <TableCell className="text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-red-600 hover:bg-red-50"
                      onClick={() => setDeleting(item)}
                      data-testid={remove.testId}
                    >
                      {t('common.delete')}
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {remove !== undefined && (
        <ConfirmDialog
          open={deleting !== null}
          onClose={() => setDeleting(null)}
          title={remove.title}
          body={deleting === null ? null : remove.body(deleting)}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            if (deleting !== null) await remove.run(deleting);
          }}
        />
      )}
    </Card>
  );
}
