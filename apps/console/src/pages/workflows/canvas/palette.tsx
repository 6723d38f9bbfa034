import { nodeDefinitions, type NodeDefinition, type PaletteCategory } from '@astron/dsl';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn.js';
import { categoryLabel, nodeTitle } from '../labels.js';
import { CATEGORY_ACCENT } from './status-style.js';

const ORDER: PaletteCategory[] = ['basic', 'logic', 'tool', 'transform', 'other', 'fixed'];
export const DRAG_TYPE = 'application/x-astron-node-type';

/** Types a person adds: not the start (a workflow has one) and not the inside of an iteration (it comes with it). */
const addable = (definition: NodeDefinition) => definition.type !== 'node-start' && definition.insideOnly === undefined;

export function paletteGroups(): { category: PaletteCategory; items: NodeDefinition[] }[] {
  return ORDER.map((category) => ({
    category,
    items: nodeDefinitions.filter((definition) => definition.category === category && addable(definition)),
  })).filter((group) => group.items.length > 0);
}

/**
 * The node types grouped like the original's palette. Click adds a node (into the selected iteration or loop, if
 * any), or drag it onto the canvas. Types whose service comes in a later release are listed, disabled.
 */
export function Palette({ onAdd, disabled }: { onAdd: (type: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('workflows.palette.title')} className="flex min-h-0 flex-col overflow-y-auto p-3" data-testid="palette">
      <p className="mb-2 px-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{t('workflows.palette.title')}</p>
      {paletteGroups().map((group) => (
        <div key={group.category} className="mb-3">
          <p className="mb-1 px-1 text-[11px] font-medium text-slate-500">{categoryLabel(t, group.category)}</p>
          <ul className="space-y-0.5">
            {group.items.map((definition) => {
              return (
                <li key={definition.type}>
                  <button
                    type="button"
                    draggable={!disabled}
                    disabled={disabled}
                    onClick={() => onAdd(definition.type)}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(DRAG_TYPE, definition.type);
                      event.dataTransfer.effectAllowed = 'move';
                    }}
                    title={t('workflows.palette.addHint')}
                    className={cn(
                      'flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm text-slate-700',
                      disabled ? 'cursor-not-allowed text-slate-400' : 'cursor-grab hover:bg-slate-100',
                    )}
                    data-testid="palette-item"
                    data-type={definition.type}
                  >
                    <span className={cn('size-2 shrink-0 rounded-full', CATEGORY_ACCENT[definition.category])} aria-hidden />
                    <span className="min-w-0 flex-1 truncate">{nodeTitle(t, definition.type)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
