import { useQuery } from '@tanstack/react-query';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { AgentPlugin, ToolSetSummary } from '../../api/plugin-types.js';
import { keys } from '../../api/queries.js';
import { Select } from '../../components/ui/select.js';

/** The hub's limit (services/hub/src/agents/schemas.ts). */
export const MAX_AGENT_PLUGINS = 32;

const same = (a: AgentPlugin, b: { toolId: string; operationId: string }) =>
  a.toolId === b.toolId && a.operationId === b.operationId;

/** One tool set's operations as checkboxes, and the version the agent uses (latest published unless pinned). */
function ToolSetOperations({
  summary,
  value,
  full,
  onChange,
}: {
  summary: ToolSetSummary;
  value: AgentPlugin[];
  full: boolean;
  onChange: (plugins: AgentPlugin[]) => void;
}) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: keys.toolSet(summary.id),
    queryFn: () => api.plugins.toolSets.get(summary.id),
  });
  const versions = useQuery({
    queryKey: keys.toolSetVersions(summary.id),
    queryFn: () => api.plugins.toolSets.versions(summary.id),
  });
  const mine = value.filter((item) => item.toolId === summary.id);
  const version = mine[0]?.version ?? '';
  const setVersion = (next: string) =>
    onChange(
      value.map((item) =>
        item.toolId !== summary.id
          ? item
          : { toolId: item.toolId, operationId: item.operationId, ...(next === '' ? {} : { version: next }) },
      ),
    );
  const toggle = (operationId: string, on: boolean) =>
    onChange(
      on
        ? [...value, { toolId: summary.id, operationId, ...(version === '' ? {} : { version }) }]
        : value.filter((item) => !same(item, { toolId: summary.id, operationId })),
    );

  return (
    <div className="ml-6 space-y-2 border-l border-slate-100 pl-3">
      <label className="flex items-center gap-2 text-xs text-slate-600">
        {t('agents.form.pluginVersion')}
        <Select
          className="w-40"
          value={version}
          onChange={(event) => setVersion(event.target.value)}
          data-testid="agent-plugin-version"
          data-tool-id={summary.id}
        >
          <option value="">{t('agents.form.pluginLatest')}</option>
          {(versions.data?.items ?? []).map((item) => (
            <option key={item.version} value={item.version}>
              {item.version}
            </option>
          ))}
        </Select>
      </label>
      {detail.isPending && <p className="text-xs text-slate-400">{t('common.loading')}</p>}
      {detail.data?.operations.map((operation) => {
        const checked = mine.some((item) => item.operationId === operation.operationId);
        return (
          <label key={operation.operationId} className="flex items-start gap-2.5 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
              checked={checked}
              disabled={full && !checked}
              onChange={(event) => toggle(operation.operationId, event.target.checked)}
              data-testid="agent-plugin"
              data-tool-id={summary.id}
              data-operation-id={operation.operationId}
            />
            <span>
              <code className="text-xs text-slate-800">{operation.operationId}</code>
              <span className="ml-1.5 text-xs text-slate-400">
                {operation.method.toUpperCase()} {operation.path}
              </span>
              {operation.summary !== '' && (
                <span className="block text-xs text-slate-500">{operation.summary}</span>
              )}
            </span>
          </label>
        );
      })}
    </div>
  );
}

/** Operations of the space's OpenAPI tool sets the agent may call; a tool set opens to show its operations. */
export function AgentPlugins({
  value,
  onChange,
}: {
  value: AgentPlugin[];
  onChange: (plugins: AgentPlugin[]) => void;
}) {
  const { t } = useTranslation();
  const toolSets = useQuery({ queryKey: keys.toolSets, queryFn: () => api.plugins.toolSets.list() });
  const [open, setOpen] = useState<string[]>(() => [...new Set(value.map((item) => item.toolId))]);
  const items = toolSets.data?.items ?? [];
  const missing =
    toolSets.data === undefined
      ? []
      : value.filter((item) => !items.some((toolSet) => toolSet.id === item.toolId));
  const full = value.length >= MAX_AGENT_PLUGINS;

  return (
    <div className="space-y-2" role="group" aria-label={t('agents.form.plugins')} data-testid="agent-plugins">
      <p className="text-sm font-medium text-slate-700">{t('agents.form.plugins')}</p>
      <p className="text-xs text-slate-500">{t('agents.form.pluginsHint', { max: MAX_AGENT_PLUGINS })}</p>
      {toolSets.data !== undefined && items.length === 0 && (
        <p className="text-xs text-slate-400">{t('agents.form.pluginsEmpty')}</p>
      )}
      {items.map((toolSet) => {
        const expanded = open.includes(toolSet.id);
        const count = value.filter((item) => item.toolId === toolSet.id).length;
        return (
          <div key={toolSet.id} className="space-y-2">
            <button
              type="button"
              className="flex items-center gap-1.5 text-sm"
              aria-expanded={expanded}
              onClick={() =>
                setOpen(expanded ? open.filter((id) => id !== toolSet.id) : [...open, toolSet.id])
              }
              data-testid="agent-plugin-toolset"
              data-tool-id={toolSet.id}
            >
              {expanded ? (
                <ChevronDown className="size-4 text-slate-400" aria-hidden />
              ) : (
                <ChevronRight className="size-4 text-slate-400" aria-hidden />
              )}
              <span className="font-medium text-slate-800">{toolSet.name}</span>
              {count > 0 && (
                <span className="text-xs text-indigo-600">{t('agents.form.pluginsChosen', { count })}</span>
              )}
              {toolSet.latestVersion === null && (
                <span className="text-xs text-amber-600">{t('agents.form.pluginUnpublished')}</span>
              )}
            </button>
            {expanded && (
              <ToolSetOperations summary={toolSet} value={value} full={full} onChange={onChange} />
            )}
          </div>
        );
      })}
      {missing.map((item) => (
        <label key={`${item.toolId}/${item.operationId}`} className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300"
            checked
            onChange={() => onChange(value.filter((other) => !same(other, item)))}
            data-testid="agent-plugin"
            data-tool-id={item.toolId}
            data-operation-id={item.operationId}
          />
          <span className="text-xs text-amber-700">
            {t('agents.form.missing', { id: `${item.toolId} · ${item.operationId}` })}
          </span>
        </label>
      ))}
    </div>
  );
}
