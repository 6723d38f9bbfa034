import type { Problem } from '@astron/dsl';
import { useId, type ReactNode } from 'react';
import { cn } from '../../../lib/cn.js';
import { problemsAt } from '../editor/problems.js';

/** A label, a control, and the validator's problems for this field (its marker). */
export function FieldShell({
  label,
  path,
  problems,
  hint,
  inline = false,
  children,
}: {
  label: ReactNode;
  /** The field as the validator names it, e.g. `data.nodeParam.template`. */
  path: string;
  problems: readonly Problem[];
  hint?: ReactNode;
  inline?: boolean;
  children: (control: { id: string; 'aria-invalid': true | undefined }) => ReactNode;
}) {
  const id = useId();
  const here = problemsAt(problems, path);
  return (
    <div
      className={cn('space-y-1', inline && 'flex items-center gap-2 space-y-0')}
      data-testid="param-field"
      data-path={path}
      data-invalid={here.length > 0 || undefined}
    >
      <label htmlFor={id} className={cn('block text-xs font-medium text-slate-700', inline && 'order-2')}>
        {label}
      </label>
      {children({ id, 'aria-invalid': here.length > 0 ? true : undefined })}
      {hint !== undefined && here.length === 0 && <p className="text-[11px] text-slate-500">{hint}</p>}
      {here.map((problem, index) => (
        <p
          key={index}
          className={cn('text-[11px]', problem.severity === 'error' ? 'text-red-600' : 'text-amber-700', inline && 'order-3')}
          data-testid="field-problem"
        >
          {problem.message}
        </p>
      ))}
    </div>
  );
}
