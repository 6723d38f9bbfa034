import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { AgentDatabase } from '../../api/plugin-types.js';
import { keys } from '../../api/queries.js';

/** The hub's limit (services/hub/src/agents/schemas.ts). */
export const MAX_AGENT_DATABASES = 4;

/** Databases the agent queries in natural language (production copy); read-only unless writing is allowed. */
export function AgentDatabases({
  value,
  onChange,
}: {
  value: AgentDatabase[];
  onChange: (databases: AgentDatabase[]) => void;
}) {
  const { t } = useTranslation();
  const databases = useQuery({ queryKey: keys.databases, queryFn: () => api.databases.list() });
  const items = databases.data?.items ?? [];
  const missing =
    databases.data === undefined
      ? []
      : value.filter((item) => !items.some((database) => database.id === item.databaseId));
  const full = value.length >= MAX_AGENT_DATABASES;
  const chosen = (id: number) => value.find((item) => item.databaseId === id);
  const row = (id: number, label: ReactNode) => {
    const entry = chosen(id);
    return (
      <div key={id} className="flex flex-wrap items-start gap-x-6 gap-y-1 text-sm">
        <label className="flex items-start gap-2.5">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
            checked={entry !== undefined}
            disabled={full && entry === undefined}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...value, { databaseId: id, readOnly: true }]
                  : value.filter((item) => item.databaseId !== id),
              )
            }
            data-testid="agent-database"
            data-database-id={id}
          />
          {label}
        </label>
        {entry !== undefined && (
          <label className="flex items-center gap-2 text-xs text-slate-600">
            <input
              type="checkbox"
              className="size-3.5 rounded border-slate-300"
              checked={entry.readOnly !== false}
              onChange={(event) =>
                onChange(
                  value.map((item) =>
                    item.databaseId === id ? { ...item, readOnly: event.target.checked } : item,
                  ),
                )
              }
              data-testid="agent-database-readonly"
              data-database-id={id}
            />
            {t('agents.form.databaseReadOnly')}
          </label>
        )}
      </div>
    );
  };

  return (
    <div
      className="space-y-2"
      role="group"
      aria-label={t('agents.form.databases')}
      data-testid="agent-databases"
    >
      <p className="text-sm font-medium text-slate-700">{t('agents.form.databases')}</p>
      <p className="text-xs text-slate-500">{t('agents.form.databasesHint', { max: MAX_AGENT_DATABASES })}</p>
      {databases.data !== undefined && items.length === 0 && (
        <p className="text-xs text-slate-400">{t('agents.form.databasesEmpty')}</p>
      )}
      {items.map((database) =>
        row(
          database.id,
          <span>
            <span className="font-mono font-medium text-slate-800">{database.name}</span>
            {database.publishedAt === null && (
              <span className="ml-1.5 text-xs text-amber-600">{t('agents.form.databaseUnpublished')}</span>
            )}
            {database.description !== '' && (
              <span className="block text-xs text-slate-500">{database.description}</span>
            )}
          </span>,
        ),
      )}
      {missing.map((item) =>
        row(
          item.databaseId,
          <span className="text-xs text-amber-700">
            {t('agents.form.missing', { id: String(item.databaseId) })}
          </span>,
        ),
      )}
    </div>
  );
}
