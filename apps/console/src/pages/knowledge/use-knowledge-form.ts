import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { validateKnowledge, type KnowledgeFormField, type KnowledgeFormValues } from './knowledge-form-model.js';

/** Where the server names a field the form shows under another name. */
const SERVER_FIELDS: Partial<Record<KnowledgeFormField, string>> = {
  chunkMode: 'chunking.mode',
  maxTokens: 'chunking.maxTokens',
  overlapTokens: 'chunking.overlapTokens',
  separator: 'chunking.separator',
  retrievalMode: 'retrieval.mode',
  topK: 'retrieval.topK',
  scoreThreshold: 'retrieval.scoreThreshold',
};

/**
 * The values of a knowledge base form and their problems: the checks stay quiet until the first attempt to send,
 * then follow the typing; the server's field errors of the last failure (`error`) are shown on the same fields.
 */
export function useKnowledgeForm(initial: () => KnowledgeFormValues, needsModel: boolean, error: unknown) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const checks = attempted ? validateKnowledge(values, needsModel) : {};
  const server = serverFieldErrors(error);

  return {
    values,
    /** Whether the server's failure is shown on a field (else it is shown for the whole form). */
    onFields: Object.keys(server).length > 0,
    change: (next: Partial<KnowledgeFormValues>) => setValues((current) => ({ ...current, ...next })),
    problem: (field: KnowledgeFormField): string | undefined => {
      const key = checks[field];
      return key === undefined ? fieldError(server, SERVER_FIELDS[field] ?? field) : t(key);
    },
    /** Whether the values may be sent. */
    attempt(): boolean {
      setAttempted(true);
      return Object.keys(validateKnowledge(values, needsModel)).length === 0;
    },
  };
}
