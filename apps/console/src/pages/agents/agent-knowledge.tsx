import { useTranslation } from 'react-i18next';
import type { AgentKnowledge as Knowledge, KnowledgeBase } from '../../api/types.js';
import { Select } from '../../components/ui/select.js';

/** The hub's limits (services/hub/src/agents/schemas.ts). */
export const MAX_AGENT_BASES = 10;
const TOP_K_CHOICES = Array.from({ length: 20 }, (_, index) => index + 1);

/**
 * The space's knowledge bases an agent searches through one tool, citing the passages it uses; how many passages a
 * search returns and the least score one needs. A base chosen before and deleted since is listed so it can be left out.
 */
export function AgentKnowledge({ bases, value, onChange }: { bases: KnowledgeBase[] | undefined; value: Knowledge; onChange: (knowledge: Knowledge) => void }) {
  const { t } = useTranslation();
  const items = bases ?? [];
  const missing = bases === undefined ? [] : value.kbIds.filter((id) => !items.some((base) => base.id === id));
  const full = value.kbIds.length >= MAX_AGENT_BASES;
  const toggle = (id: string, on: boolean) => onChange({ ...value, kbIds: on ? [...value.kbIds, id] : value.kbIds.filter((item) => item !== id) });
  const box = (id: string) => (
    <input
      type="checkbox"
      className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
      checked={value.kbIds.includes(id)}
      disabled={full && !value.kbIds.includes(id)}
      onChange={(event) => toggle(id, event.target.checked)}
      data-testid="agent-knowledge-base"
      data-kb-id={id}
    />
  );

  return (
    <div className="space-y-2" role="group" aria-label={t('agents.form.knowledge')} data-testid="agent-knowledge">
      <p className="text-sm font-medium text-slate-700">{t('agents.form.knowledge')}</p>
      <p className="text-xs text-slate-500">{t('agents.form.knowledgeHint', { max: MAX_AGENT_BASES })}</p>
      {bases !== undefined && items.length === 0 && <p className="text-xs text-slate-400">{t('agents.form.knowledgeEmpty')}</p>}
      {items.map((base) => (
        <label key={base.id} className="flex items-start gap-2.5 text-sm">
          {box(base.id)}
          <span>
            <span className="font-medium text-slate-800">{base.name}</span>
            <span className="ml-1.5 text-xs text-slate-400">{t('agents.form.knowledgeCounts', { count: base.documentCount })}</span>
            {base.description !== '' && <span className="block text-xs text-slate-500">{base.description}</span>}
          </span>
        </label>
      ))}
      {missing.map((id) => (
        <label key={id} className="flex items-start gap-2.5 text-sm">
          {box(id)}
          <span className="text-xs text-amber-700">{t('agents.form.knowledgeMissing', { id })}</span>
        </label>
      ))}
      {value.kbIds.length > 0 && (
        <div className="grid gap-4 pt-1 sm:grid-cols-2">
          <label className="space-y-1.5 text-sm">
            <span className="block font-medium text-slate-800">{t('agents.form.knowledgeTopK')}</span>
            <Select value={String(value.topK)} onChange={(event) => onChange({ ...value, topK: Number(event.target.value) })} data-testid="agent-knowledge-top-k">
              {TOP_K_CHOICES.map((count) => (
                <option key={count} value={String(count)}>
                  {count}
                </option>
              ))}
            </Select>
          </label>
          <label className="space-y-1.5 text-sm">
            <span className="flex justify-between font-medium text-slate-800">
              {t('agents.form.knowledgeThreshold')}
              <span className="font-mono text-xs text-slate-500">{value.scoreThreshold.toFixed(2)}</span>
            </span>
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={value.scoreThreshold}
              onChange={(event) => onChange({ ...value, scoreThreshold: Number(event.target.value) })}
              className="h-9 w-full accent-indigo-600"
              data-testid="agent-knowledge-threshold"
            />
          </label>
        </div>
      )}
    </div>
  );
}
