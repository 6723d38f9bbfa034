import { Plus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { fieldPath, problemsAt } from '../editor/problems.js';
import type { JsonSchema } from '../editor/schema-defaults.js';
import type { FieldContext } from './field-context.js';
import { ObjectFields } from './schema-field.js';
import { newListItem, visibleItemProperties } from './schema-form-model.js';

/** An array of objects (if-else cases, intents, options, conditions...) as a group per item, added and removed. */
export function ListField({
  name,
  label,
  item,
  value,
  path,
  onChange,
  context,
}: {
  name: string;
  label: ReactNode;
  item: JsonSchema;
  value: unknown;
  path: (string | number)[];
  onChange: (value: unknown[]) => void;
  context: FieldContext;
}) {
  const { t } = useTranslation();
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const where = fieldPath(path);
  const own = problemsAt(context.problems, where);
  const properties = visibleItemProperties(item);

  function add() {
    const { value: created, index } = newListItem(name, item, list);
    onChange([...list.slice(0, index), created, ...list.slice(index)]);
  }

  return (
    <div className="space-y-2" data-testid="param-field" data-path={where} data-invalid={own.length > 0 || undefined}>
      <div className="flex items-center justify-between">
        <p className="text-xs font-medium text-slate-700">{label}</p>
        {context.editable && (
          <Button variant="ghost" size="sm" onClick={add} data-testid="list-add" data-list={name}>
            <Plus className="size-3.5" aria-hidden />
            {t('workflows.panel.add')}
          </Button>
        )}
      </div>
      {own.map((problem, index) => (
        <p key={index} className="text-[11px] text-red-600" data-testid="field-problem">
          {problem.message}
        </p>
      ))}
      {list.map((entry, index) => (
        <div key={index} className="rounded-md border border-slate-200 bg-slate-50/60 p-2.5" data-testid="list-item" data-list={name}>
          <div className="mb-2 flex items-center justify-between">
            <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
              {t('workflows.panel.item', { number: index + 1 })}
            </span>
            {context.editable && (
              <Button
                variant="ghost"
                size="icon"
                className="size-6 text-slate-400 hover:text-red-600"
                aria-label={t('workflows.panel.removeItem')}
                onClick={() => onChange(list.filter((_, position) => position !== index))}
                data-testid="list-remove"
              >
                <Trash2 className="size-3.5" aria-hidden />
              </Button>
            )}
          </div>
          <ObjectFields
            properties={properties}
            value={entry}
            path={[...path, index]}
            context={context}
            onChange={(next) => onChange(list.map((old, position) => (position === index ? next : old)))}
          />
        </div>
      ))}
    </div>
  );
}
