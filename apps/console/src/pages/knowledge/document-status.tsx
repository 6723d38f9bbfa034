import { useTranslation } from 'react-i18next';
import type { DocumentStatus, KnowledgeDocument } from '../../api/types.js';
import { Badge } from '../../components/ui/badge.js';
import { Spinner } from '../../components/ui/spinner.js';
import { ProgressBar } from './progress-bar.js';

const TONES: Record<DocumentStatus, 'neutral' | 'brand' | 'success' | 'danger'> = {
  queued: 'neutral',
  parsing: 'brand',
  embedding: 'brand',
  ready: 'success',
  failed: 'danger',
};

export const isIngesting = (status: DocumentStatus) => status === 'queued' || status === 'parsing' || status === 'embedding';

/** Where a document's ingestion is: its status, while it runs how many chunks are embedded, and why it failed. */
export function DocumentStatusCell({ document }: { document: KnowledgeDocument }) {
  const { t } = useTranslation();
  const working = document.status === 'parsing' || document.status === 'embedding';
  const percent = Math.round(document.progress * 100);
  return (
    <div className="min-w-40 space-y-1.5" data-testid="document-status" data-status={document.status}>
      <Badge tone={TONES[document.status]}>
        {working && <Spinner className="size-3" />}
        {t(`knowledge.statuses.${document.status}`)}
      </Badge>
      {isIngesting(document.status) && (
        <>
          <ProgressBar value={document.progress} label={t('knowledge.documentsTab.ingestion', { name: document.name })} data-testid="document-progress" />
          <p className="text-[11px] tabular-nums text-slate-500" data-testid="document-progress-text">
            {document.chunkCount > 0
              ? t('knowledge.documentsTab.embedded', { embedded: document.embeddedCount, chunks: document.chunkCount, percent })
              : t('knowledge.documentsTab.percent', { percent })}
          </p>
        </>
      )}
      {document.status === 'failed' && document.error !== null && (
        <p className="max-w-xs text-xs text-red-600" data-testid="document-error" data-code={document.error.code}>
          {document.error.message}
        </p>
      )}
    </div>
  );
}
