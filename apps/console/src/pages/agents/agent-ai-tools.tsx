import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';

/** The hub's limit (services/hub/src/agents/schemas.ts). */
export const MAX_AGENT_AI_TOOLS = 8;

/** Built-in AI tools the agent may use; one whose model the space lacks says which setting is missing. */
export function AgentAiTools({ value, onChange }: { value: string[]; onChange: (tools: string[]) => void }) {
  const { t } = useTranslation();
  const state = useQuery({ queryKey: keys.aiTools, queryFn: () => api.plugins.aiTools.get() });
  const tools = state.data?.tools ?? [];
  const full = value.length >= MAX_AGENT_AI_TOOLS;
  return (
    <div
      className="space-y-2"
      role="group"
      aria-label={t('agents.form.aiTools')}
      data-testid="agent-ai-tools"
    >
      <p className="text-sm font-medium text-slate-700">{t('agents.form.aiTools')}</p>
      <p className="text-xs text-slate-500">{t('agents.form.aiToolsHint')}</p>
      {tools.map((tool) => (
        <label key={tool.name} className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
            checked={value.includes(tool.name)}
            disabled={full && !value.includes(tool.name)}
            onChange={(event) =>
              onChange(
                event.target.checked ? [...value, tool.name] : value.filter((name) => name !== tool.name),
              )
            }
            data-testid="agent-ai-tool"
            data-tool={tool.name}
            data-available={String(tool.available)}
          />
          <span>
            <span className="font-medium text-slate-800">{tool.title}</span>
            <code className="ml-1.5 text-xs text-slate-400">{tool.name}</code>
            {tool.available ? (
              <span className="block text-xs text-slate-500">{tool.description}</span>
            ) : (
              <span className="block text-xs text-amber-700">
                {tool.message ?? t('agents.form.aiToolUnavailable')}
              </span>
            )}
          </span>
        </label>
      ))}
      {value
        .filter((name) => state.data !== undefined && !tools.some((tool) => tool.name === name))
        .map((name) => (
          <label key={name} className="flex items-start gap-2.5 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 rounded border-slate-300"
              checked
              onChange={() => onChange(value.filter((other) => other !== name))}
              data-testid="agent-ai-tool"
              data-tool={name}
            />
            <span className="text-xs text-amber-700">{t('agents.form.missing', { id: name })}</span>
          </label>
        ))}
    </div>
  );
}
