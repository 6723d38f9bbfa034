import type { OutputKind, Problem } from '@astron/dsl';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import type { DraftOutput } from '../editor/draft.js';
import { newOutput } from '../editor/node-factory.js';
import { problemsAt } from '../editor/problems.js';
import { TYPE_CHOICES, typeChoice, withType } from './value-types.js';

/**
 * A node's outputs. Declared by the person where the registry says so (`user`: a code node's result keys, the
 * start's run parameters), keeping the type's fixed ones; shown read-only when fixed or derived.
 */
export function OutputsEditor({
  outputs,
  kind,
  fixedNames,
  problems,
  editable,
  onChange,
}: {
  outputs: DraftOutput[];
  kind: OutputKind;
  fixedNames: readonly string[];
  problems: Problem[];
  editable: boolean;
  onChange: (outputs: DraftOutput[], key?: string) => void;
}) {
  const { t } = useTranslation();
  const userDefined = kind === 'user' && editable;
  if (kind === 'none' && outputs.length === 0) return null;
  const freeName = () => {
    const names = new Set(outputs.map((output) => output.name));
    for (let number = 1; ; number += 1) if (!names.has(`output${number}`)) return `output${number}`;
  };
  return (
    <section className="space-y-2" data-testid="outputs-editor" data-kind={kind}>
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('workflows.panel.outputs')}</h3>
        {userDefined && (
          <Button variant="ghost" size="sm" onClick={() => onChange([...outputs, newOutput(freeName())])} data-testid="output-add">
            <Plus className="size-3.5" aria-hidden />
            {t('workflows.panel.add')}
          </Button>
        )}
      </div>
      {kind !== 'user' && <p className="text-[11px] text-slate-500">{t(`workflows.panel.outputKinds.${kind}`)}</p>}
      {outputs.map((output, index) => {
        const fixed = fixedNames.includes(output.name) || !userDefined;
        const here = problemsAt(problems, `data.outputs[${index}]`, false);
        return (
          <div key={output.id || index} className="space-y-1" data-testid="output-row" data-name={output.name}>
            <div className="flex gap-1.5">
              <Input
                value={output.name}
                disabled={fixed}
                aria-label={t('workflows.panel.outputName')}
                aria-invalid={here.length > 0 || undefined}
                className="h-8 flex-1"
                onChange={(event) =>
                  onChange(outputs.map((old, position) => (position === index ? { ...old, name: event.target.value } : old)), `output-${output.id}-name`)
                }
                data-testid="output-name"
              />
              <Select
                value={typeChoice(output.schema)}
                disabled={!userDefined}
                aria-label={t('workflows.panel.type')}
                className="w-32"
                onChange={(event) =>
                  onChange(outputs.map((old, position) => (position === index ? { ...old, schema: withType(old.schema, event.target.value) } : old)))
                }
                data-testid="output-type"
              >
                {TYPE_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </Select>
              {userDefined && !fixed && (
                <Button
                  variant="ghost"
                  size="icon"
                  className="text-slate-400 hover:text-red-600"
                  aria-label={t('workflows.panel.removeOutput')}
                  onClick={() => onChange(outputs.filter((_, position) => position !== index))}
                  data-testid="output-remove"
                >
                  <Trash2 className="size-3.5" aria-hidden />
                </Button>
              )}
            </div>
            {here.map((problem, position) => (
              <p key={position} className="text-[11px] text-red-600" data-testid="field-problem">
                {problem.message}
              </p>
            ))}
          </div>
        );
      })}
    </section>
  );
}
