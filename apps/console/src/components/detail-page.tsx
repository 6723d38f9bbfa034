import type { UseQueryResult } from '@tanstack/react-query';
import { Link, type LinkProps } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './error-state.js';
import { PageHeader } from './page-header.js';
import { Card } from './ui/card.js';
import { Skeleton } from './ui/skeleton.js';

/** The title row of a loaded resource: its name followed by its badges, a line below, buttons on the right. */
export interface DetailHeading {
  name: ReactNode;
  badges: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}

/**
 * One resource of a space on its own page: a skeleton while it loads, then a link back to its list and either the
 * load error with a retry or its title row above what `children` shows of it.
 */
export function DetailPage<T>({
  query,
  back,
  heading,
  children,
}: {
  query: UseQueryResult<T>;
  back: { to: LinkProps['to']; label: string };
  heading: (item: T) => DetailHeading;
  children: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending)
    return (
      <div className="space-y-4" role="status" aria-label={t('common.loading')} data-testid="loading">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );

  const backLink = (
    <Link
      to={back.to}
      className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
    >
      <ArrowLeft className="size-4" aria-hidden />
      {back.label}
    </Link>
  );
  // Checks the data, not the error: a failed refresh keeps showing what was read before.
  if (query.data === undefined)
    return (
      <>
        {backLink}
        <Card>
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      </>
    );

  const { name, badges, description, actions } = heading(query.data);
  return (
    <>
      {backLink}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {name}
            {badges}
          </span>
        }
        description={description}
        actions={actions}
      />
      {children(query.data)}
    </>
  );
}
