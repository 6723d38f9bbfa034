import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../api/queries.js';
import { buildItems, profileItem, spaceItems, type LiveItem } from './navigation.js';

function NavLink({ item, onNavigate }: { item: LiveItem; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const Icon = item.icon;
  return (
    <Link
      to={item.path}
      data-testid={item.testId}
      onClick={onNavigate}
      className="group flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      activeProps={{ className: 'bg-indigo-50 !text-indigo-700 hover:bg-indigo-50', 'aria-current': 'page' }}
    >
      <Icon className="size-4 shrink-0" aria-hidden />
      {t(`nav.${item.key}`)}
    </Link>
  );
}

export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <nav aria-label={t('nav.label')} className="flex min-h-0 flex-1 flex-col gap-6 overflow-y-auto px-3 py-4">
      <div>
        <p className="px-2.5 pb-2 text-xs font-medium uppercase tracking-wide text-slate-400">
          {t('nav.build')}
        </p>
        <ul className="space-y-0.5">
          {buildItems
            .filter((item) => item.permission === undefined || can(item.permission))
            .map((item) => (
              <li key={item.key}>
                <NavLink item={item} onNavigate={onNavigate} />
              </li>
            ))}
        </ul>
      </div>
      <div>
        <p className="px-2.5 pb-2 text-xs font-medium uppercase tracking-wide text-slate-400">
          {t('nav.space')}
        </p>
        <ul className="space-y-0.5">
          {spaceItems
            .filter((item) => item.permission === undefined || can(item.permission))
            .map((item) => (
              <li key={item.key}>
                <NavLink item={item} onNavigate={onNavigate} />
              </li>
            ))}
        </ul>
      </div>
      <div className="mt-auto border-t border-slate-200 pt-4">
        <NavLink item={profileItem} onNavigate={onNavigate} />
      </div>
    </nav>
  );
}
