import { MessageCircleQuestion } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import type { PausePrompt } from './run-state.js';

/** A question-answer node waits: its question, its options (or a free answer), and the answer that resumes the run. */
export function RunQuestion({ prompt, busy, onAnswer }: { prompt: PausePrompt; busy: boolean; onAnswer: (answer: string) => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState(prompt.answerType === 'option' ? (prompt.options[0]?.id ?? '') : '');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (answer.trim() !== '') onAnswer(answer);
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="run-question" data-node-id={prompt.nodeId}>
      <p className="flex items-start gap-2 text-sm text-amber-900">
        <MessageCircleQuestion className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span className="whitespace-pre-wrap" data-testid="run-question-text">
          {prompt.question}
        </span>
      </p>
      <div className="flex gap-2">
        {prompt.answerType === 'option' ? (
          <Select className="flex-1" value={answer} aria-label={t('workflows.run.answer')} onChange={(event) => setAnswer(event.target.value)} data-testid="run-answer">
            {prompt.options.map((option) => (
              <option key={option.id} value={option.id} data-testid="run-answer-option">
                {option.content === '' ? option.name : `${option.name}. ${option.content}`}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            className="flex-1"
            value={answer}
            placeholder={t('workflows.run.answerPlaceholder')}
            aria-label={t('workflows.run.answer')}
            onChange={(event) => setAnswer(event.target.value)}
            data-testid="run-answer"
          />
        )}
        <Button type="submit" loading={busy} disabled={answer.trim() === ''} data-testid="run-answer-send">
          {t('workflows.run.send')}
        </Button>
      </div>
    </form>
  );
}
