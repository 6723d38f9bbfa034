import { useTranslation } from 'react-i18next';
import { Select } from '../../../components/ui/select.js';
import type { RefContent } from '../editor/draft.js';
import type { VariableOption } from '../editor/variables.js';

const encode = (nodeId: string, name: string) => JSON.stringify([nodeId, name]);

/**
 * Chooses what an input reads: only outputs of the nodes that run before this one (and, inside an iteration, its
 * start). A reference to anything else (a deleted node, a node after this one) stays shown, marked unavailable.
 */
export function VariablePicker({
  id,
  options,
  value,
  onChange,
  disabled,
  invalid,
}: {
  id?: string;
  options: VariableOption[];
  value: RefContent;
  onChange: (option: VariableOption) => void;
  disabled: boolean;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const current = value.nodeId === '' ? '' : encode(value.nodeId, value.name);
  const known = options.some((option) => encode(option.nodeId, option.name) === current);
  const groups = new Map<string, VariableOption[]>();
  for (const option of options) groups.set(option.nodeId, [...(groups.get(option.nodeId) ?? []), option]);
  return (
    <Select
      id={id}
      value={current}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      aria-label={t('workflows.panel.variable')}
      onChange={(event) => {
        const picked = options.find((option) => encode(option.nodeId, option.name) === event.target.value);
        if (picked !== undefined) onChange(picked);
      }}
      data-testid="variable-picker"
    >
      <option value="">{options.length === 0 ? t('workflows.panel.noVariables') : t('workflows.panel.chooseVariable')}</option>
      {current !== '' && !known && (
        <option value={current} data-testid="variable-unavailable">
          {t('workflows.panel.unavailableVariable', { name: `${value.nodeId} / ${value.name}` })}
        </option>
      )}
      {[...groups].map(([nodeId, items]) => (
        <optgroup key={nodeId} label={items[0]!.alias}>
          {items.map((option) => (
            <option
              key={option.name}
              value={encode(option.nodeId, option.name)}
              data-testid="variable-option"
              data-node-id={option.nodeId}
              data-name={option.name}
            >
              {`${option.alias} / ${option.name} (${option.type})`}
            </option>
          ))}
        </optgroup>
      ))}
    </Select>
  );
}
