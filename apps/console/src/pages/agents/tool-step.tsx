import { ChevronRight, CircleAlert, LoaderCircle, Wrench } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { StepView } from './chat-state.js';

function pretty(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? '';
}

/** One tool step of an answer: name and state at a glance, arguments and result when opened. */
export function ToolStep({ step }: { step: StepView }) {
  const { t } = useTranslation();
  if (step.kind === 'max_steps')
    return (
      <p
        className="flex items-center gap-1.5 text-xs text-amber-700"
        data-testid="tool-step"
        data-kind="max_steps"
      >
        <CircleAlert className="size-3.5" aria-hidden />
        {t('agents.chat.maxSteps')}
      </p>
    );
  const running = step.durationMs === undefined;
  const failed = step.error !== undefined;
  return (
    <details
      className="group rounded-md border border-slate-200 bg-slate-50 text-xs"
      data-testid="tool-step"
      data-name={step.name}
      data-state={running ? 'running' : failed ? 'failed' : 'done'}
    >
      <summary className="flex cursor-pointer list-none items-center gap-1.5 px-2.5 py-1.5 text-slate-700">
        <ChevronRight className="size-3.5 shrink-0 transition-transform group-open:rotate-90" aria-hidden />
        {running ? (
          <LoaderCircle className="size-3.5 animate-spin text-indigo-500" aria-hidden />
        ) : (
          <Wrench className={failed ? 'size-3.5 text-red-500' : 'size-3.5 text-emerald-600'} aria-hidden />
        )}
        <code className="font-medium">{step.name}</code>
        <span className="ml-auto text-slate-400">
          {running
            ? t('agents.chat.running')
            : failed
              ? t('agents.chat.failedIn', { ms: step.durationMs })
              : t('agents.chat.tookMs', { ms: step.durationMs })}
        </span>
      </summary>
      <div className="space-y-2 border-t border-slate-200 px-2.5 py-2">
        {step.arguments !== undefined && (
          <div>
            <p className="mb-1 font-medium text-slate-500">{t('agents.chat.arguments')}</p>
            <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 text-slate-800 ring-1 ring-slate-200">
              {pretty(step.arguments)}
            </pre>
          </div>
        )}
        {(step.result !== undefined || failed) && (
          <div>
            <p className="mb-1 font-medium text-slate-500">
              {failed ? t('agents.chat.error') : t('agents.chat.result')}
            </p>
            <pre
              className={
                'max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 ring-1 ring-slate-200 ' +
                (failed ? 'text-red-700' : 'text-slate-800')
              }
            >
              {failed ? step.error : step.result}
            </pre>
          </div>
        )}
      </div>
    </details>
  );
}
