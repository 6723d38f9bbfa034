import { cn } from '../../lib/cn.js';

/** A thin bar for a share done, 0..1, read out as a percentage. */
export function ProgressBar({ value, label, className, ...rest }: { value: number; label: string; className?: string; 'data-testid'?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={cn('h-1.5 w-full overflow-hidden rounded-full bg-slate-100', className)}
      data-testid={rest['data-testid']}
    >
      <div className="h-full rounded-full bg-indigo-500 transition-[width]" style={{ width: `${percent}%` }} />
    </div>
  );
}
