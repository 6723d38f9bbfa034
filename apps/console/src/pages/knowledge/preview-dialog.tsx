import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentPreview } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { useSubmit } from '../../lib/use-submit.js';
import { previewDocument } from './upload-file.js';

/**
 * How the base's chunking would cut a file, before it is added: its first chunks (up to 200) and how many there
 * would be. Nothing is stored until "Add this file".
 */
export function PreviewDialog({ kbId, open, onClose, onAdd }: { kbId: string; open: boolean; onClose: () => void; onAdd: (file: File) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<DocumentPreview | null>(null);
  const previewing = useSubmit();

  function close() {
    setFile(null);
    setPreview(null);
    previewing.reset();
    onClose();
  }

  async function choose(chosen: File) {
    await previewing.run(async () => {
      setFile(chosen);
      setPreview(null);
      setPreview(await previewDocument(kbId, chosen));
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('knowledge.preview.title')}
      description={t('knowledge.preview.description')}
      size="lg"
      data-testid="kb-preview-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={file === null || preview === null}
            onClick={() => {
              if (file !== null) onAdd(file);
              close();
            }}
            data-testid="kb-preview-add"
          >
            {t('knowledge.preview.add')}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <div className="flex items-center gap-3">
          <input
            ref={input}
            type="file"
            className="hidden"
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              event.target.value = '';
              if (chosen !== undefined) void choose(chosen);
            }}
            data-testid="kb-preview-input"
          />
          <Button variant="secondary" size="sm" loading={previewing.busy} onClick={() => input.current?.click()}>
            {t('knowledge.preview.choose')}
          </Button>
          {file !== null && <span className="truncate text-sm text-slate-600">{file.name}</span>}
        </div>
        <InlineError error={previewing.error} />
        {preview !== null && (
          <>
            <p className="text-xs text-slate-500" data-testid="kb-preview-summary">
              {t('knowledge.preview.summary', { type: preview.type, count: preview.total, shown: preview.chunks.length })}
            </p>
            <ol className="max-h-96 space-y-2 overflow-y-auto">
              {preview.chunks.map((chunk) => (
                <li key={chunk.position} className="rounded-md bg-slate-50 px-3 py-2" data-testid="kb-preview-chunk">
                  <p className="mb-1 text-[11px] text-slate-400">
                    #{chunk.position + 1} · {t('knowledge.chunksView.tokens', { count: chunk.tokens })}
                    {chunk.page !== null && ` · ${t('knowledge.chunksView.page', { page: chunk.page })}`}
                    {chunk.headingPath.length > 0 && ` · ${chunk.headingPath.join(' › ')}`}
                  </p>
                  <p className="line-clamp-6 whitespace-pre-wrap text-xs text-slate-800">{chunk.content}</p>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </Dialog>
  );
}
