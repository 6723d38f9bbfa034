import type { ReactNode } from 'react';
import { Logo } from '../../components/logo.js';
import { LanguageSwitch } from '../../shell/language-switch.js';

/** The frame of the pages before sign-in: a centered card on a quiet background. */
export function AuthLayout({
  title,
  description,
  children,
  footer,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-indigo-50/70 via-slate-50 to-slate-50">
      <header className="flex items-center justify-between px-6 py-4">
        <Logo />
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-8 sm:pt-16">
        <div className="w-full max-w-sm">
          <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
            <h1 className="text-lg font-semibold tracking-tight text-slate-900">{title}</h1>
            {description !== undefined && <p className="mt-1 text-sm text-slate-500">{description}</p>}
            <div className="mt-6">{children}</div>
          </div>
          {footer !== undefined && <div className="mt-6 text-center text-sm text-slate-500">{footer}</div>}
        </div>
      </main>
    </div>
  );
}
