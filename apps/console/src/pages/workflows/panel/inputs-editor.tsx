import type { Problem } from '@astron/dsl';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import type { DraftInput } from '../editor/draft.js';
import { emptyRef, newInput } from '../editor/node-factory.js';
import { problemsAt } from '../editor/problems.js';
import type { VariableOption } from '../editor/variables.js';
import { LiteralInput } from './literal-input.js';
import { TYPE_CHOICES, typeChoice, withType } from './value-types.js';
import { VariablePicker } from './variable-picker.js';

function InputRow({
  input,
  index,
  options,
  problems,
  editable,
  onChange,
  onRemove,
}: {
  input: DraftInput;
  index: number;
  options: VariableOption[];
  problems: Problem[];
  editable: boolean;
  onChange: (input: DraftInput, key: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const value = input.schema.value;
  const type = typeChoice(input.schema);
  const here = problemsAt(problems, `data.inputs[${index}]`, false);
  const setValue = (next: DraftInput['schema']['value'], schemaType = type) =>
    onChange({ ...input, schema: { ...withType(input.schema, schemaType), value: next } }, `input-${input.id}-value`);
  return (
    <div
      className="space-y-1.5 rounded-md border border-slate-200 p-2"
      data-testid="input-row"
      data-name={input.name}
      data-invalid={here.length > 0 || undefined}
    >
      <div className="flex gap-1.5">
        <Input
          value={input.name}
          disabled={!editable}
          aria-label={t('workflows.panel.inputName')}
          aria-invalid={problemsAt(problems, `data.inputs[${index}].name`).length > 0 || undefined}
          className="h-8 flex-1"
          onChange={(event) => onChange({ ...input, name: event.target.value }, `input-${input.id}-name`)}
          data-testid="input-name"
        />
        <Select
          value={type}
          disabled={!editable}
          aria-label={t('workflows.panel.type')}
          className="w-32"
          onChange={(event) => onChange({ ...input, schema: withType(input.schema, event.target.value) }, `input-${input.id}-type`)}
          data-testid="input-type"
        >
          {TYPE_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </Select>
        {editable && (
          <Button variant="ghost" size="icon" className="text-slate-400 hover:text-red-600" aria-label={t('workflows.panel.removeInput')} onClick={onRemove} data-testid="input-remove">
            <Trash2 className="size-3.5" aria-hidden />
          </Button>
        )}
      </div>
      <div className="flex gap-1.5">
        <Select
          value={value.type}
          disabled={!editable}
          aria-label={t('workflows.panel.valueSource')}
          className="w-28"
          onChange={(event) => setValue(event.target.value === 'ref' ? emptyRef() : { type: 'literal', content: type === 'string' ? '' : undefined })}
          data-testid="input-mode"
        >
          <option value="ref">{t('workflows.panel.reference')}</option>
          <option value="literal">{t('workflows.panel.literal')}</option>
        </Select>
        <div className="min-w-0 flex-1">
          {value.type === 'ref' ? (
            <VariablePicker
              options={options}
              value={value.content}
              disabled={!editable}
              invalid={here.length > 0}
              onChange={(option) =>
                setValue(
                  { type: 'ref', content: { nodeId: option.nodeId, name: option.name } },
                  option.type === 'any' || TYPE_CHOICES.includes(option.type) === false ? type : option.type,
                )
              }
            />
          ) : (
            <LiteralInput type={type} value={value.content} disabled={!editable} invalid={here.length > 0} onChange={(content) => setValue({ type: 'literal', content })} />
          )}
        </div>
      </div>
      {here.map((problem, position) => (
        <p key={position} className={problem.severity === 'error' ? 'text-[11px] text-red-600' : 'text-[11px] text-amber-700'} data-testid="field-problem">
          {problem.message}
        </p>
      ))}
    </div>
  );
}

/** A node's inputs: each a name, a type, and a value, literal or read from an upstream node's output. */
export function InputsEditor({
  inputs,
  options,
  problems,
  editable,
  onChange,
}: {
  inputs: DraftInput[];
  options: VariableOption[];
  problems: Problem[];
  editable: boolean;
  onChange: (inputs: DraftInput[], key?: string) => void;
}) {
  const { t } = useTranslation();
  const freeName = () => {
    const names = new Set(inputs.map((input) => input.name));
    if (!names.has('input')) return 'input';
    for (let number = 1; ; number += 1) if (!names.has(`input${number}`)) return `input${number}`;
  };
  return (
    <section className="space-y-2" data-testid="inputs-editor">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('workflows.panel.inputs')}</h3>
        {editable && (
          <Button variant="ghost" size="sm" onClick={() => onChange([...inputs, newInput(freeName())])} data-testid="input-add">
            <Plus className="size-3.5" aria-hidden />
            {t('workflows.panel.add')}
          </Button>
        )}
      </div>
      {inputs.length === 0 && <p className="text-xs text-slate-400">{t('workflows.panel.noInputs')}</p>}
      {inputs.map((input, index) => (
        <InputRow
          key={input.id || index}
          input={input}
          index={index}
          options={options}
          problems={problems}
          editable={editable}
          onChange={(next, key) => onChange(inputs.map((old, position) => (position === index ? next : old)), key)}
          onRemove={() => onChange(inputs.filter((_, position) => position !== index))}
        />
      ))}
    </section>
  );
}
