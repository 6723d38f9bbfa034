import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentRpaRobot } from '../../api/types.js';
import { Button } from '../../components/ui/button.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';

/** The schema text as typed, when it is the JSON schema of an object (tool inputs must be objects); else null. */
export function parseParameters(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return (parsed as Record<string, unknown>).type === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * One robot of the agent: what the model is told it does and the schema of its input. The schema is edited as text
 * and reaches the draft only when it parses, so a half-typed schema never replaces the saved one.
 */
export function AgentRpaRobotRow({
  robot,
  onChange,
  onRemove,
}: {
  robot: AgentRpaRobot;
  onChange: (robot: AgentRpaRobot) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [schemaText, setSchemaText] = useState(() => JSON.stringify(robot.parameters, null, 2));
  const schemaValid = parseParameters(schemaText) !== null;
  return (
    <div
      className="space-y-3 rounded-md border border-slate-200 p-3"
      data-testid="agent-rpa-robot"
      data-name={robot.name}
    >
      <div className="flex items-center justify-between gap-2 text-sm">
        <span>
          <code className="font-medium text-slate-800">{robot.name}</code>
          <span className="ml-2 text-xs text-slate-500">
            {t('agents.form.rpaRuns', { project: robot.projectId })}
          </span>
        </span>
        <Button variant="ghost" size="sm" onClick={onRemove} data-testid="agent-rpa-remove">
          {t('agents.form.rpaRemove')}
        </Button>
      </div>
      <Field label={t('agents.form.rpaDescription')} hint={t('agents.form.rpaDescriptionHint')}>
        {(control) => (
          <Input
            {...control}
            value={robot.description}
            maxLength={2000}
            onChange={(event) => onChange({ ...robot, description: event.target.value })}
            data-testid="agent-rpa-description"
          />
        )}
      </Field>
      <Field
        label={t('agents.form.rpaParameters')}
        hint={t('agents.form.rpaParametersHint')}
        error={schemaValid ? undefined : t('agents.form.rpaParametersInvalid')}
      >
        {(control) => (
          <Textarea
            {...control}
            className="font-mono text-xs"
            value={schemaText}
            onChange={(event) => {
              setSchemaText(event.target.value);
              const parameters = parseParameters(event.target.value);
              if (parameters !== null) onChange({ ...robot, parameters });
            }}
            data-testid="agent-rpa-parameters"
          />
        )}
      </Field>
    </div>
  );
}
