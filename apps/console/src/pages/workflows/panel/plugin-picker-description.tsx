/** What the chosen tool does, as its service describes it, and what the node makes of an answer it does not describe. */
export function ToolDescription({ text, detail, note }: { text: string; detail?: string | undefined; note?: string | undefined }) {
  return (
    <div className="space-y-1 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600" data-testid="plugin-description">
      {detail !== undefined && <p className="font-mono text-[11px] text-slate-500">{detail}</p>}
      {text !== '' && <p className="whitespace-pre-line">{text}</p>}
      {note !== undefined && <p className="text-[11px] text-slate-500">{note}</p>}
    </div>
  );
}
