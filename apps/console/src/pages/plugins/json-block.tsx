/** A value as indented JSON (text as it is), for requests, answers and schemas. */
export function JsonBlock({
  value,
  className,
  'data-testid': testId,
}: {
  value: unknown;
  className?: string;
  'data-testid'?: string;
}) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre
      className={`max-h-80 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-700 ring-1 ring-slate-200 ${className ?? ''}`}
      data-testid={testId}
    >
      {text}
    </pre>
  );
}
