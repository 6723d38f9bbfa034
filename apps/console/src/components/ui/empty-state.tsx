import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** What a list says when it has nothing yet, and the next thing to do. */
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
}: {
  icon: LucideIcon;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div
      className="flex flex-col items-center justify-center px-6 py-14 text-center"
      data-testid="empty-state"
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
        <Icon className="size-6" aria-hidden />
      </div>
      <h3 className="mt-4 text-sm font-semibold text-slate-900">{title}</h3>
      {description !== undefined && <p className="mt-1 max-w-sm text-sm text-slate-500">{description}</p>}
      {action !== undefined && <div className="mt-5">{action}</div>}
    </div>
  );
}
