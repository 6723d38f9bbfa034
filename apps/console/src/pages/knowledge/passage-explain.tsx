import { useTranslation } from 'react-i18next';
import type { RetrievalExplain } from '../../api/types.js';

const score = (value: number | null) => (value === null ? '—' : value.toFixed(3));
const rank = (value: number | null) => (value === null ? '' : ` · #${value}`);

/**
 * Why a passage ranks where it does: its place and score in the vector search and in the full-text search (a dash
 * where that search did not find it or did not run), the fused score of the two, and the reranker's.
 */
export function PassageExplain({ explain }: { explain: RetrievalExplain }) {
  const { t } = useTranslation();
  const figures: [key: string, label: string, text: string][] = [
    ['vector', t('knowledge.hitTest.vector'), score(explain.vectorScore) + rank(explain.vectorRank)],
    ['text', t('knowledge.hitTest.text'), score(explain.textScore) + rank(explain.textRank)],
    ['fused', t('knowledge.hitTest.fused'), score(explain.fusedScore)],
    ['rerank', t('knowledge.hitTest.rerank'), score(explain.rerankScore)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-[11px] sm:grid-cols-4" data-testid="hit-explain">
      {figures.map(([key, label, text]) => (
        <div key={key} className="min-w-0">
          <dt className="text-slate-500">{label}</dt>
          <dd className="font-mono text-slate-800" data-testid={`hit-explain-${key}`}>
            {text}
          </dd>
        </div>
      ))}
    </dl>
  );
}
