import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

export type PanelTab = 'node' | 'problems' | 'run' | 'history' | 'versions';

/** The editor's right column: tabs (the selected node, problems, the debug run, run history, versions) over one body. */
export function SidePanel({
  tabs,
  active,
  onTab,
  children,
}: {
  tabs: { id: PanelTab; label: string; badge?: ReactNode }[];
  active: PanelTab;
  onTab: (tab: PanelTab) => void;
  children: ReactNode;
}) {
  return (
    <aside className="flex w-[26rem] shrink-0 flex-col border-l border-slate-200 bg-white" data-testid="side-panel">
      <div role="tablist" className="flex shrink-0 gap-0.5 overflow-x-auto border-b border-slate-200 px-2">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            aria-selected={tab.id === active}
            onClick={() => onTab(tab.id)}
            className={cn(
              '-mb-px flex items-center gap-1.5 whitespace-nowrap border-b-2 px-2.5 py-2.5 text-xs font-medium',
              tab.id === active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-800',
            )}
            data-testid={`panel-tab-${tab.id}`}
          >
            {tab.label}
            {tab.badge}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto" role="tabpanel">
        {children}
      </div>
    </aside>
  );
}
