import { Outlet, useRouterState } from '@tanstack/react-router';
import { Menu as MenuIcon, X } from 'lucide-react';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Logo } from '../components/logo.js';
import { SkeletonRows } from '../components/ui/skeleton.js';
import { LanguageSwitch } from './language-switch.js';
import { Sidebar } from './sidebar.js';
import { SpaceSwitcher } from './space-switcher.js';
import { UserMenu } from './user-menu.js';

/** The signed-in frame: navigation on the left, space switcher and user menu on top, the page in the middle. */
export function AppShell() {
  const { t } = useTranslation();
  const [drawer, setDrawer] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  useEffect(() => setDrawer(false), [pathname]);

  return (
    <div className="flex min-h-screen bg-slate-50">
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white md:flex">
        <div className="flex h-14 shrink-0 items-center border-b border-slate-200 px-5">
          <Logo />
        </div>
        <Sidebar />
      </aside>
      {drawer && (
        <div className="fixed inset-0 z-40 md:hidden">
          <div className="absolute inset-0 bg-slate-900/40" aria-hidden onClick={() => setDrawer(false)} />
          <aside className="relative flex h-full w-64 flex-col bg-white shadow-xl">
            <div className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 px-5">
              <Logo />
              <button
                type="button"
                className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100"
                onClick={() => setDrawer(false)}
                aria-label={t('common.close')}
              >
                <X className="size-4" aria-hidden />
              </button>
            </div>
            <Sidebar onNavigate={() => setDrawer(false)} />
          </aside>
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6">
          <button
            type="button"
            className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 md:hidden"
            onClick={() => setDrawer(true)}
            aria-label={t('nav.open')}
          >
            <MenuIcon className="size-5" aria-hidden />
          </button>
          <SpaceSwitcher />
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitch className="hidden sm:flex" />
            <UserMenu />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-8">
          <Suspense fallback={<SkeletonRows label={t('common.loading')} />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
