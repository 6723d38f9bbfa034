import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useSubmit } from '../../lib/use-submit.js';
import { check, httpUrl, required, type ValidationKey } from '../../lib/validation.js';
import { upsertDocument } from './document-cache.js';

export type SourceKind = 'url' | 'text';
type SourceField = 'url' | 'name' | 'text';

function SourceForm({ kbId, kind, onClose }: { kbId: string; kind: SourceKind; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const adding = useSubmit();
  const error = adding.error;
  const checks: Partial<Record<SourceField, ValidationKey>> =
    kind === 'url' ? { url: check(url, required, httpUrl) } : { name: check(name, required), text: check(text, required) };
  const server = serverFieldErrors(error);
  const problem = (field: SourceField) => {
    const key = attempted ? checks[field] : undefined;
    return key === undefined ? fieldError(server, field) : t(key);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (Object.values(checks).some((key) => key !== undefined)) return;
    await adding.run(async () => {
      const document = await api.knowledge.addDocument(kbId, kind === 'url' ? { url: url.trim() } : { name: name.trim(), text });
      upsertDocument(queryClient, document);
      void queryClient.invalidateQueries({ queryKey: keys.knowledgeBase(kbId), exact: true });
      onClose();
    });
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate data-testid="kb-source-form">
      {kind === 'url' ? (
        <Field label={t('knowledge.source.url')} hint={t('knowledge.source.urlHint')} error={problem('url')}>
          {(control) => (
            <Input {...control} type="url" value={url} placeholder="https://" onChange={(event) => setUrl(event.target.value)} data-testid="kb-source-url" />
          )}
        </Field>
      ) : (
        <>
          <Field label={t('knowledge.source.name')} error={problem('name')}>
            {(control) => <Input {...control} value={name} maxLength={255} onChange={(event) => setName(event.target.value)} data-testid="kb-source-name" />}
          </Field>
          <Field label={t('knowledge.source.text')} error={problem('text')}>
            {(control) => <Textarea {...control} rows={10} value={text} onChange={(event) => setText(event.target.value)} data-testid="kb-source-text" />}
          </Field>
        </>
      )}
      <FormFooter
        error={Object.keys(server).length === 0 ? error : null}
        busy={adding.busy}
        onCancel={onClose}
        submitLabel={t('knowledge.source.add')}
        submitTestId="kb-source-submit"
      />
    </form>
  );
}

/** A document from a public web page (the hub fetches it; private addresses are refused) or from pasted text. */
export function AddSourceDialog({ kbId, kind, onClose }: { kbId: string; kind: SourceKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={kind !== null}
      onClose={onClose}
      title={kind === 'text' ? t('knowledge.source.textTitle') : t('knowledge.source.urlTitle')}
      size={kind === 'text' ? 'lg' : 'md'}
      data-testid="kb-source-dialog"
    >
      {kind !== null && <SourceForm key={kind} kbId={kbId} kind={kind} onClose={onClose} />}
    </Dialog>
  );
}
