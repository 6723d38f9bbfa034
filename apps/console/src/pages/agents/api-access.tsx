import { Link } from '@tanstack/react-router';
import { Download, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { usePermissions } from '../../api/queries.js';
import type { Agent } from '../../api/types.js';
import { runtimeConfig } from '../../config.js';
import { CopyField } from '../../components/copy-field.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { useToast } from '../../components/ui/toast.js';
import { cn } from '../../lib/cn.js';
import { errorMessage } from '../../lib/errors.js';
import { useSubmit } from '../../lib/use-submit.js';
import { SNIPPET_LANGUAGES, apiSnippet, modelName, type SnippetLanguage } from './api-snippets.js';
import { downloadJson, exportFileName } from './import-agent.js';

/** How to call the published agent from outside: model name, base URL, the key to use, code to copy; and its export. */
export function ApiAccess({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const toast = useToast();
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const exporting = useSubmit({ onError: (failure) => toast.error(errorMessage(failure, t)) });
  const baseUrl = `${runtimeConfig().apiBaseUrl || window.location.origin}/v1`;
  const question = agent.suggestedQuestions[0] ?? t('agents.api.sampleQuestion');
  const model = modelName(agent);
  const code = apiSnippet(language, baseUrl, model, question);

  async function exportAgent() {
    await exporting.run(async () => {
      const file = await api.agents.exportFile(agent.id);
      const name = exportFileName(agent.name);
      downloadJson(name, file);
      toast.success(t('agents.api.exported', { file: name }));
    });
  }

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t('agents.api.title')} description={t('agents.api.description')} />
        <div className="space-y-4 px-5 py-4">
          {agent.publishedVersion === null && (
            <p
              role="note"
              className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
              data-testid="api-not-published"
            >
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              {t('agents.api.notPublished')}
            </p>
          )}
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-slate-800">{t('agents.api.modelName')}</p>
            <CopyField
              value={model}
              label={t('agents.api.modelName')}
              testId="api-model"
              copyTestId="api-model-copy"
            />
            <p className="text-xs text-slate-500">
              {agent.alias === null ? t('agents.api.setAlias') : t('agents.api.aliasAndId')}
            </p>
          </div>
          {agent.alias !== null && (
            <div className="space-y-1.5">
              <p className="text-sm font-medium text-slate-800">{t('agents.api.agentId')}</p>
              <CopyField
                value={agent.id}
                label={t('agents.api.agentId')}
                testId="api-agent-id"
                copyTestId="api-agent-id-copy"
              />
            </div>
          )}
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-slate-800">{t('agents.api.baseUrl')}</p>
            <CopyField
              value={baseUrl}
              label={t('agents.api.baseUrl')}
              testId="api-base-url"
              copyTestId="api-base-url-copy"
            />
          </div>
          <p className="text-sm text-slate-600">
            {t('agents.api.keyHint')}{' '}
            {can('apikeys.view') ? (
              <Link
                to="/api-keys"
                className="font-medium text-indigo-600 hover:underline"
                data-testid="api-keys-link"
              >
                {t('agents.api.keysLink')}
              </Link>
            ) : (
              t('agents.api.askForKey')
            )}
          </p>
          <div>
            <div role="tablist" aria-label={t('agents.api.examples')} className="mb-2 flex gap-1">
              {SNIPPET_LANGUAGES.map((item) => (
                <button
                  key={item}
                  type="button"
                  role="tab"
                  aria-selected={item === language}
                  onClick={() => setLanguage(item)}
                  className={cn(
                    'rounded-md px-3 py-1 text-xs font-medium',
                    item === language ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100',
                  )}
                  data-testid="api-snippet-tab"
                  data-language={item}
                >
                  {t(`agents.api.languages.${item}`)}
                </button>
              ))}
            </div>
            <pre
              className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 text-xs leading-relaxed text-slate-100"
              data-testid="api-snippet"
              data-language={language}
            >
              {code}
            </pre>
            <div className="mt-2 flex justify-end">
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  void navigator.clipboard?.writeText(code).then(() => toast.success(t('common.copied')))
                }
                data-testid="api-snippet-copy"
              >
                {t('common.copy')}
              </Button>
            </div>
          </div>
        </div>
      </Card>
      <Card>
        <CardHeader
          title={t('agents.api.exportTitle')}
          description={t('agents.api.exportDescription')}
          actions={
            <Button
              variant="secondary"
              loading={exporting.busy}
              onClick={() => void exportAgent()}
              data-testid="agent-export"
            >
              <Download className="size-4" aria-hidden />
              {t('agents.api.export')}
            </Button>
          }
        />
      </Card>
    </div>
  );
}
