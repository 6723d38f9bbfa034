import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnowledgeChunk } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Textarea } from '../../components/ui/input.js';
import { cn } from '../../lib/cn.js';
import { useSubmit } from '../../lib/use-submit.js';

/**
 * One chunk: what it says and where it came from; an editor changes its text (the server embeds it again before
 * answering), the switch leaves it out of retrieval without deleting it.
 */
export function ChunkItem({
  chunk,
  editable,
  onSave,
  onToggle,
  onDelete,
}: {
  chunk: KnowledgeChunk;
  editable: boolean;
  onSave: (content: string) => Promise<void>;
  onToggle: (enabled: boolean) => Promise<void>;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  // The switch and the editor share one: a chunk takes one change at a time.
  const { busy, error, run } = useSubmit();

  return (
    <li
      className={cn('space-y-2 rounded-md border border-slate-200 px-3 py-2.5', !chunk.enabled && 'bg-slate-50')}
      data-testid="chunk-item"
      data-chunk-id={chunk.id}
      data-enabled={chunk.enabled}
    >
      <div className="flex flex-wrap items-center gap-2 text-[11px] text-slate-500">
        <span className="font-mono">#{chunk.position + 1}</span>
        <span>{t('knowledge.chunksView.tokens', { count: chunk.tokens })}</span>
        {chunk.page !== null && <span>{t('knowledge.chunksView.page', { page: chunk.page })}</span>}
        {chunk.headingPath.length > 0 && <span className="truncate">{chunk.headingPath.join(' › ')}</span>}
        {chunk.edited && <Badge tone="brand">{t('knowledge.chunksView.edited')}</Badge>}
        {!chunk.enabled && <Badge>{t('knowledge.chunksView.disabled')}</Badge>}
        <span className="flex-1" />
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          <input
            type="checkbox"
            role="switch"
            className="size-4 rounded border-slate-300 text-indigo-600"
            checked={chunk.enabled}
            disabled={!editable || busy}
            onChange={(event) => void run(() => onToggle(event.target.checked))}
            data-testid="chunk-enabled"
          />
          {t('knowledge.chunksView.enabled')}
        </label>
        {editable && draft === null && (
          <>
            <Button variant="ghost" size="icon" className="size-7" aria-label={t('knowledge.chunksView.edit')} onClick={() => setDraft(chunk.content)} data-testid="chunk-edit">
              <Pencil className="size-3.5" aria-hidden />
            </Button>
            <Button variant="ghost" size="icon" className="size-7 text-red-600 hover:bg-red-50" aria-label={t('common.delete')} onClick={onDelete} data-testid="chunk-delete">
              <Trash2 className="size-3.5" aria-hidden />
            </Button>
          </>
        )}
      </div>
      {draft === null ? (
        <p className={cn('whitespace-pre-wrap text-sm', chunk.enabled ? 'text-slate-800' : 'text-slate-400')} data-testid="chunk-content">
          {chunk.content}
        </p>
      ) : (
        <div className="space-y-2">
          <Textarea rows={6} value={draft} aria-label={t('knowledge.chunksView.content')} onChange={(event) => setDraft(event.target.value)} data-testid="chunk-editor" />
          <p className="text-[11px] text-slate-500">{t('knowledge.chunksView.reembedHint')}</p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" size="sm" disabled={busy} onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </Button>
            <Button size="sm" loading={busy} disabled={draft.trim() === ''} onClick={() =>
                void run(async () => {
                  await onSave(draft);
                  setDraft(null);
                })
              } data-testid="chunk-save">
              {t('common.save')}
            </Button>
          </div>
        </div>
      )}
      <InlineError error={error} />
    </li>
  );
}
