/** A value as indented JSON, for inputs, outputs and results. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre className="max-h-60 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700" data-testid={testId}>
      {text === undefined ? '—' : text}
    </pre>
  );
}
