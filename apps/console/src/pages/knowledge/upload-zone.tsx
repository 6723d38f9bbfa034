import { FileUp, X } from 'lucide-react';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.js';
import { cn } from '../../lib/cn.js';
import { ProgressBar } from './progress-bar.js';
import type { UploadItem } from './use-uploads.js';

/** Where files are dropped or chosen, several at a time. */
export function UploadZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  }

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      className={cn(
        'flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center',
        over ? 'border-indigo-400 bg-indigo-50/60' : 'border-slate-200',
      )}
      data-testid="kb-upload-zone"
      data-over={over || undefined}
    >
      <FileUp className="size-6 text-slate-400" aria-hidden />
      <p className="text-sm text-slate-700">{t('knowledge.upload.drop')}</p>
      <p className="text-xs text-slate-500">{t('knowledge.upload.types')}</p>
      <input
        ref={input}
        type="file"
        multiple
        className="hidden"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
        data-testid="kb-upload-input"
      />
      <Button variant="secondary" size="sm" onClick={() => input.current?.click()} data-testid="kb-upload-choose">
        {t('knowledge.upload.choose')}
      </Button>
    </div>
  );
}

/** The files on their way up: waiting, how much is sent, or why the server refused one. */
export function UploadList({ items, onDismiss }: { items: UploadItem[]; onDismiss: (key: number) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label={t('knowledge.upload.queue')} data-testid="upload-list">
      {items.map((item) => (
        <li key={item.key} className="rounded-md border border-slate-200 px-3 py-2" data-testid="upload-item" data-name={item.name} data-state={item.state}>
          <div className="flex items-center justify-between gap-3 text-sm">
            <span className="min-w-0 truncate font-medium text-slate-800">{item.name}</span>
            <span className="flex shrink-0 items-center gap-1 text-xs text-slate-500">
              {item.state === 'uploading' && t('knowledge.upload.sending', { percent: Math.round(item.sent * 100) })}
              {item.state === 'waiting' && t('knowledge.upload.waiting')}
              {item.state === 'failed' && (
                <Button variant="ghost" size="icon" className="size-6" aria-label={t('common.dismiss')} onClick={() => onDismiss(item.key)} data-testid="upload-dismiss">
                  <X className="size-3.5" aria-hidden />
                </Button>
              )}
            </span>
          </div>
          {item.state !== 'failed' && (
            <ProgressBar className="mt-2" value={item.sent} label={t('knowledge.upload.progress', { name: item.name })} data-testid="upload-progress" />
          )}
          {item.error !== undefined && (
            <p className="mt-1 text-xs text-red-600" role="alert" data-testid="upload-error">
              {item.error}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
