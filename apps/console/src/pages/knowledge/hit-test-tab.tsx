import { SearchCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { KnowledgeBase, RetrievalMode, RetrievedPassage } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { useSubmit } from '../../lib/use-submit.js';
import { RETRIEVAL_MODES } from './knowledge-form-model.js';
import { PassageExplain } from './passage-explain.js';

const whole = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 50;
const fraction = (text: string) => text.trim() !== '' && Number(text) >= 0 && Number(text) <= 1;

function Result({ passage, rank }: { passage: RetrievedPassage; rank: number }) {
  const { t } = useTranslation();
  return (
    <li className="space-y-2 rounded-md border border-slate-200 px-4 py-3" data-testid="hit-result" data-chunk-id={passage.chunkId}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs text-slate-500">
        <span className="font-mono font-semibold text-slate-700">#{rank}</span>
        <span className="font-medium text-slate-800" data-testid="hit-document">
          {passage.documentName}
        </span>
        {passage.page !== null && <span>{t('knowledge.chunksView.page', { page: passage.page })}</span>}
        {passage.headingPath.length > 0 && <span className="truncate">{passage.headingPath.join(' › ')}</span>}
        <span className="flex-1" />
        <span className="font-mono text-slate-700" data-testid="hit-score">
          {t('knowledge.hitTest.score', { score: passage.score.toFixed(3) })}
        </span>
      </div>
      <p className="whitespace-pre-wrap text-sm text-slate-800">{passage.content}</p>
      {passage.explain !== undefined && <PassageExplain explain={passage.explain} />}
    </li>
  );
}

/** What a query finds in this base and why: each result's vector and full-text scores and ranks, fused and reranked. */
export function HitTestTab({ base }: { base: KnowledgeBase }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<RetrievalMode>(base.retrieval.mode);
  const [topK, setTopK] = useState(String(base.retrieval.topK));
  const [threshold, setThreshold] = useState(String(base.retrieval.scoreThreshold));
  const [results, setResults] = useState<RetrievedPassage[] | null>(null);
  const search = useSubmit();
  const [attempted, setAttempted] = useState(false);
  const topKProblem = attempted && !whole(topK) ? t('knowledge.checks.topK') : undefined;
  const thresholdProblem = attempted && !fraction(threshold) ? t('knowledge.checks.threshold') : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (query.trim() === '' || !whole(topK) || !fraction(threshold)) return;
    await search.run(async () => {
      const answer = await api.knowledge.retrieve(base.id, { query: query.trim(), mode, topK: Number(topK), scoreThreshold: Number(threshold) });
      setResults(answer.results);
    });
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[22rem_1fr]">
      <Card>
        <CardHeader title={t('knowledge.hitTest.title')} description={t('knowledge.hitTest.description')} />
        <form className="space-y-4 px-5 py-4" onSubmit={(event) => void submit(event)} noValidate data-testid="hit-form">
          <Field label={t('knowledge.hitTest.query')}>
            {(control) => <Textarea {...control} rows={4} value={query} onChange={(event) => setQuery(event.target.value)} data-testid="hit-query" />}
          </Field>
          <Field label={t('knowledge.form.retrievalMode')}>
            {(control) => (
              <Select {...control} value={mode} onChange={(event) => setMode(event.target.value as RetrievalMode)} data-testid="hit-mode">
                {RETRIEVAL_MODES.map((item) => (
                  <option key={item} value={item}>
                    {t(`knowledge.retrievalModes.${item}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field label={t('knowledge.form.topK')} error={topKProblem}>
              {(control) => <Input {...control} inputMode="numeric" value={topK} onChange={(event) => setTopK(event.target.value)} data-testid="hit-top-k" />}
            </Field>
            <Field label={t('knowledge.form.scoreThreshold')} error={thresholdProblem}>
              {(control) => <Input {...control} inputMode="decimal" value={threshold} onChange={(event) => setThreshold(event.target.value)} data-testid="hit-threshold" />}
            </Field>
          </div>
          <InlineError error={search.error} />
          <Button type="submit" className="w-full" loading={search.busy} disabled={query.trim() === ''} data-testid="hit-submit">
            {t('knowledge.hitTest.run')}
          </Button>
        </form>
      </Card>
      <Card>
        <CardHeader title={t('knowledge.hitTest.results')} />
        {results === null && <EmptyState icon={SearchCheck} title={t('knowledge.hitTest.idle')} description={t('knowledge.hitTest.idleHint')} />}
        {results !== null && results.length === 0 && (
          <p className="px-5 py-10 text-center text-sm text-slate-500" data-testid="hit-none">
            {t('knowledge.hitTest.none')}
          </p>
        )}
        {results !== null && results.length > 0 && (
          <ol className="space-y-3 px-5 py-4" data-testid="hit-results">
            {results.map((passage, index) => (
              <Result key={passage.chunkId} passage={passage} rank={index + 1} />
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
