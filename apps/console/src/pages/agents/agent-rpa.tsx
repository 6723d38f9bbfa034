import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { AgentRpaRobot } from '../../api/types.js';
import { Button } from '../../components/ui/button.js';
import { Field, Input } from '../../components/ui/input.js';
import { AgentRpaRobotRow } from './agent-rpa-robot.js';

/** The hub's limits (services/hub/src/agents/schemas.ts). */
export const MAX_AGENT_RPA_ROBOTS = 16;
const isProjectId = (text: string) => /^\S{1,200}$/.test(text);
const isToolName = (text: string) => /^[a-zA-Z0-9_-]{1,64}$/.test(text);

/** A tool name the model can call, made from the project id until the person types their own. */
const suggestedName = (projectId: string) => projectId.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);

/**
 * RPA robots the agent may run: each a project on the space's RPA platform, named and described for the model.
 * A warning says when runs would be refused (no platform token) or robots cannot run (platform not ready).
 */
export function AgentRpa({
  value,
  onChange,
}: {
  value: AgentRpaRobot[];
  onChange: (robots: AgentRpaRobot[]) => void;
}) {
  const { t } = useTranslation();
  const state = useQuery({ queryKey: keys.rpa, queryFn: () => api.plugins.rpa.get() });
  const [projectId, setProjectId] = useState('');
  const [typedName, setTypedName] = useState<string | null>(null);
  const name = typedName ?? suggestedName(projectId.trim());
  const taken = value.some((robot) => robot.name === name);
  const nameProblem =
    name === ''
      ? undefined
      : !isToolName(name)
        ? t('agents.form.rpaNameInvalid')
        : taken
          ? t('agents.form.rpaNameTaken')
          : undefined;
  const canAdd =
    isProjectId(projectId.trim()) && isToolName(name) && !taken && value.length < MAX_AGENT_RPA_ROBOTS;

  function add() {
    onChange([
      ...value,
      { projectId: projectId.trim(), name, description: '', parameters: { type: 'object', properties: {} } },
    ]);
    setProjectId('');
    setTypedName(null);
  }

  const warning =
    state.data === undefined || value.length === 0
      ? null
      : !state.data.tokenSet
        ? t('agents.form.rpaNoToken')
        : !state.data.configured || !state.data.reachable
          ? t('agents.form.rpaNotReady')
          : null;
  return (
    <div className="space-y-3" role="group" aria-label={t('agents.form.rpa')} data-testid="agent-rpa">
      <p className="text-sm font-medium text-slate-700">{t('agents.form.rpa')}</p>
      <p className="text-xs text-slate-500">{t('agents.form.rpaHint', { max: MAX_AGENT_RPA_ROBOTS })}</p>
      {warning !== null && (
        <p className="text-xs text-amber-700" data-testid="agent-rpa-warning">
          {warning}{' '}
          <Link to="/plugins" search={{ tab: 'rpa' }} className="text-indigo-600 hover:underline">
            {t('agents.form.rpaSettings')}
          </Link>
        </p>
      )}
      {value.map((robot, index) => (
        <AgentRpaRobotRow
          key={robot.name}
          robot={robot}
          onChange={(changed) => onChange(value.map((other, at) => (at === index ? changed : other)))}
          onRemove={() => onChange(value.filter((_, at) => at !== index))}
        />
      ))}
      <div className="flex flex-wrap items-start gap-2">
        <Field label={t('agents.form.rpaProject')} className="min-w-40 flex-1">
          {(control) => (
            <Input
              {...control}
              value={projectId}
              maxLength={200}
              onChange={(event) => setProjectId(event.target.value)}
              data-testid="agent-rpa-project"
            />
          )}
        </Field>
        <Field label={t('agents.form.rpaName')} error={nameProblem} className="min-w-40 flex-1">
          {(control) => (
            <Input
              {...control}
              value={name}
              maxLength={64}
              onChange={(event) => setTypedName(event.target.value)}
              data-testid="agent-rpa-name"
            />
          )}
        </Field>
        <Button
          variant="secondary"
          className="mt-7"
          disabled={!canAdd}
          onClick={add}
          data-testid="agent-rpa-add"
        >
          {t('agents.form.rpaAdd')}
        </Button>
      </div>
    </div>
  );
}
