import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { FILTER_OPERATORS, type DatabaseColumn, type FilterOperator } from '../../api/database-types.js';
import { Button } from '../../components/ui/button.js';
import { Input } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';

/** A filter as typed; `in` takes a comma-separated list, `null` and `notnull` no value. */
export interface FilterDraft {
  column: string;
  op: FilterOperator;
  value: string;
}

export const needsValue = (op: FilterOperator) => op !== 'null' && op !== 'notnull';

/** The body's filters: complete ones only, `in` split into a list. */
export function toFilters(drafts: FilterDraft[]) {
  return drafts
    .filter((draft) => draft.column !== '' && (!needsValue(draft.op) || draft.value !== ''))
    .map((draft) => ({
      column: draft.column,
      op: draft.op,
      ...(needsValue(draft.op)
        ? { value: draft.op === 'in' ? draft.value.split(',').map((item) => item.trim()) : draft.value }
        : {}),
    }));
}

export function RowFilters({
  columns,
  filters,
  onChange,
}: {
  columns: DatabaseColumn[];
  filters: FilterDraft[];
  onChange: (filters: FilterDraft[]) => void;
}) {
  const { t } = useTranslation();
  const set = (index: number, next: Partial<FilterDraft>) =>
    onChange(filters.map((filter, at) => (at === index ? { ...filter, ...next } : filter)));
  return (
    <div className="space-y-2" data-testid="data-filters">
      {filters.map((filter, index) => (
        <div key={index} className="flex flex-wrap items-center gap-2" data-testid="data-filter">
          <Select
            aria-label={t('databases.data.filterColumn')}
            className="w-44"
            value={filter.column}
            onChange={(event) => set(index, { column: event.target.value })}
            data-testid="data-filter-column"
          >
            {columns.map((column) => (
              <option key={column.name} value={column.name}>
                {column.name}
              </option>
            ))}
          </Select>
          <Select
            aria-label={t('databases.data.filterOperator')}
            className="w-32"
            value={filter.op}
            onChange={(event) => set(index, { op: event.target.value as FilterOperator })}
            data-testid="data-filter-op"
          >
            {FILTER_OPERATORS.map((op) => (
              <option key={op} value={op}>
                {t(`databases.operators.${op}`)}
              </option>
            ))}
          </Select>
          {needsValue(filter.op) && (
            <Input
              aria-label={t('databases.data.filterValue')}
              className="w-56"
              value={filter.value}
              placeholder={filter.op === 'in' ? 'a, b, c' : undefined}
              onChange={(event) => set(index, { value: event.target.value })}
              data-testid="data-filter-value"
            />
          )}
          <Button
            variant="ghost"
            size="icon"
            aria-label={t('databases.data.removeFilter')}
            onClick={() => onChange(filters.filter((_, at) => at !== index))}
          >
            <X className="size-4" aria-hidden />
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        size="sm"
        disabled={columns.length === 0}
        onClick={() => onChange([...filters, { column: columns[0]?.name ?? '', op: 'eq', value: '' }])}
        data-testid="data-filter-add"
      >
        <Plus className="size-3.5" aria-hidden />
        {t('databases.data.addFilter')}
      </Button>
    </div>
  );
}
