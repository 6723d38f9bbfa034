import { useTranslation } from 'react-i18next';
import type { Citation } from '../../api/types.js';

/** The sources under an answer, numbered as the answer cites them ([1], [2]…); each opens to the passage itself. */
export function Citations({ citations }: { citations: Citation[] }) {
  const { t } = useTranslation();
  const ordered = [...citations].sort((left, right) => left.n - right.n);
  return (
    <div className="max-w-[95%] space-y-1" data-testid="chat-citations">
      <p className="text-xs font-medium text-slate-500">{t('agents.chat.sources')}</p>
      <ol className="space-y-1">
        {ordered.map((citation) => (
          <li key={citation.n} data-testid="chat-citation" data-n={citation.n}>
            <details className="rounded-md bg-white px-2.5 py-1.5 text-xs ring-1 ring-slate-200">
              <summary className="cursor-pointer text-slate-700">
                <span className="font-mono font-semibold text-indigo-700">[{citation.n}]</span> {citation.documentName}
                {typeof citation.page === 'number' && <span className="text-slate-400"> · {t('agents.chat.sourcePage', { page: citation.page })}</span>}
                <span className="text-slate-400"> · {citation.score.toFixed(2)}</span>
              </summary>
              <p className="mt-1.5 whitespace-pre-wrap text-slate-600">{citation.content}</p>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
