import { cn } from '../lib/cn.js';

/** A row of tabs above a page's content; the page keeps which one is current (in the URL). */
export function TabBar<T extends string>({
  tabs,
  current,
  onTab,
  label,
  labelOf,
  testIdPrefix,
}: {
  tabs: readonly T[];
  current: T;
  onTab: (tab: T) => void;
  label: string;
  labelOf: (tab: T) => string;
  testIdPrefix: string;
}) {
  return (
    <div
      role="tablist"
      aria-label={label}
      className="mb-5 flex gap-1 overflow-x-auto border-b border-slate-200"
    >
      {tabs.map((item) => (
        <button
          key={item}
          type="button"
          role="tab"
          aria-selected={item === current}
          onClick={() => onTab(item)}
          className={cn(
            '-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium',
            item === current
              ? 'border-indigo-600 text-indigo-700'
              : 'border-transparent text-slate-500 hover:text-slate-800',
          )}
          data-testid={`${testIdPrefix}${item}`}
        >
          {labelOf(item)}
        </button>
      ))}
    </div>
  );
}
