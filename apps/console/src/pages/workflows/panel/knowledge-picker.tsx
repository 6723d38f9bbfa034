import type { Problem } from '@astron/dsl';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/index.js';
import { keys } from '../../../api/queries.js';
import type { DraftNode, NodeData } from '../editor/draft.js';
import { fieldLabel } from '../labels.js';
import { FieldShell } from './field-shell.js';

/** The DSL field that holds the ids of the bases a node searches, by node type. */
export const KNOWLEDGE_PICKED: Record<string, string> = { 'knowledge-base': 'repoId', 'knowledge-pro-base': 'repoIds' };

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * Where a knowledge-base or knowledge-pro-base node chooses the space's bases it searches (`repoId` / `repoIds`),
 * instead of typing their ids. An id
 * that names none of them (an imported workflow's, or a deleted base's) is listed, so it can be taken out.
 */
export function KnowledgePicker({
  field,
  node,
  problems,
  editable,
  onChange,
}: {
  field: string;
  node: DraftNode;
  problems: Problem[];
  editable: boolean;
  onChange: (update: (data: NodeData) => NodeData, key?: string) => void;
}) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: keys.knowledgeBases, queryFn: () => api.knowledge.list() });
  const bases = list.data?.items ?? [];
  const chosen = idsOf(node.data.nodeParam[field]);
  const unknown = list.isSuccess ? chosen.filter((id) => !bases.some((base) => base.id === id)) : [];

  const toggle = (id: string, on: boolean) =>
    onChange((data) => {
      const current = idsOf(data.nodeParam[field]);
      const ids = on ? [...current, id] : current.filter((item) => item !== id);
      return { ...data, nodeParam: { ...data.nodeParam, [field]: ids } };
    });
  const box = (id: string, label: string, testId: string) => (
    <label key={id} className="flex items-center gap-2 text-xs text-slate-700">
      <input
        type="checkbox"
        className="size-3.5 rounded border-slate-300 text-indigo-600"
        checked={chosen.includes(id)}
        disabled={!editable}
        onChange={(event) => toggle(id, event.target.checked)}
        data-testid={testId}
        data-kb-id={id}
      />
      <span className="min-w-0 truncate">{label}</span>
    </label>
  );

  return (
    <section data-testid="knowledge-picker">
      <FieldShell label={fieldLabel(t, field)} path={`data.nodeParam.${field}`} problems={problems} hint={t('workflows.panel.knowledge.hint')}>
        {(control) => (
          <div id={control.id} role="group" aria-label={fieldLabel(t, field)} aria-invalid={control['aria-invalid']} className="space-y-1.5 rounded-md px-0.5 py-1">
            {list.isPending && <p className="text-[11px] text-slate-400">{t('common.loading')}</p>}
            {list.isError && <p className="text-[11px] text-red-600">{t('workflows.panel.knowledge.loadFailed')}</p>}
            {list.isSuccess && bases.length === 0 && <p className="text-[11px] text-slate-500">{t('workflows.panel.knowledge.empty')}</p>}
            {bases.map((base) => box(base.id, base.name, 'knowledge-option'))}
            {unknown.map((id) => box(id, t('workflows.panel.knowledge.unknown', { id }), 'knowledge-unknown'))}
          </div>
        )}
      </FieldShell>
    </section>
  );
}
