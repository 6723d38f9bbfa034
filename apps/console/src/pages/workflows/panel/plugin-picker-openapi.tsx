import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/index.js';
import type { ToolOperation } from '../../../api/plugin-types.js';
import { keys } from '../../../api/queries.js';
import { Select } from '../../../components/ui/select.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { useSubmit } from '../../../lib/use-submit.js';
import { fieldLabel } from '../labels.js';
import { FieldShell } from './field-shell.js';
import type { PickerFieldsProps } from './plugin-picker.js';
import { ToolDescription } from './plugin-picker-description.js';

/**
 * Where the operations a node runs come from, as the link service picks them: the pinned version, else the
 * latest published one. Without either (nothing published yet, or a node pinned to 'draft') the draft's stand in.
 */
function operationsQuery(toolSetId: string, latest: string | null, version: string) {
  const wanted = version === '' ? latest : version;
  const query: { queryKey: readonly unknown[]; queryFn: () => Promise<{ operations: ToolOperation[] }> } =
    wanted === null || wanted === 'draft'
      ? { queryKey: keys.toolSet(toolSetId), queryFn: () => api.plugins.toolSets.get(toolSetId) }
      : { queryKey: keys.toolSetVersion(toolSetId, wanted), queryFn: () => api.plugins.toolSets.version(toolSetId, wanted) };
  return query;
}

/** The version as the engine reads it: absent, '' and 'latest' all mean the latest published. */
const pinnedOf = (version: string): string => (version === 'latest' ? '' : version);

/** An OpenAPI tool set of the space, the version the node runs and one of that version's operations. */
export function ToolSetFields({ picked, problems, editable, write }: PickerFieldsProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const versionChange = useSubmit();
  const { pluginId, operationId } = picked;
  const version = pinnedOf(picked.version);

  const list = useQuery({ queryKey: keys.toolSets, queryFn: () => api.plugins.toolSets.list() });
  const toolSets = list.data?.items ?? [];
  const toolSet = toolSets.find((item) => item.id === pluginId);
  const latest = toolSet?.latestVersion ?? null;
  const versions = useQuery({
    queryKey: keys.toolSetVersions(pluginId),
    queryFn: () => api.plugins.toolSets.versions(pluginId),
    enabled: toolSet !== undefined,
  });
  const versionItems = versions.data?.items ?? [];
  const operations = useQuery({ ...operationsQuery(pluginId, latest, version), enabled: toolSet !== undefined });
  const operationItems = operations.data?.operations ?? [];
  const operation = operationItems.find((item) => item.operationId === operationId);

  const fields = (nextVersion: string, nextOperation: string) => ({
    pluginId,
    ...(nextVersion === '' ? {} : { version: nextVersion }),
    ...(nextOperation === '' ? {} : { operationId: nextOperation }),
  });
  /** A version change keeps the operation, with that version's parameters when it has it. */
  const chooseVersion = (next: string) =>
    versionChange.run(async () => {
      const chosen = await queryClient.fetchQuery(operationsQuery(pluginId, latest, next));
      write(fields(next, operationId), chosen.operations.find((item) => item.operationId === operationId) ?? null);
    });

  const locked = !editable || versionChange.busy;
  return (
    <>
      <FieldShell label={fieldLabel(t, 'pluginId')} path="data.nodeParam.pluginId" problems={problems}>
        {(control) => (
          <Select {...control} value={pluginId} disabled={locked} onChange={(event) => write({ pluginId: event.target.value }, null)} data-testid="plugin-toolset">
            {pluginId === '' && <option value="">{t('workflows.panel.plugin.chooseToolSet')}</option>}
            {pluginId !== '' && toolSet === undefined && (
              <option value={pluginId}>{list.isSuccess ? t('workflows.panel.plugin.unknownToolSet', { id: pluginId }) : pluginId}</option>
            )}
            {toolSets.map((item) => (
              <option key={item.id} value={item.id} data-testid="plugin-toolset-option">
                {item.latestVersion === null ? t('workflows.panel.plugin.unpublished', { name: item.name }) : item.name}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      {list.isSuccess && toolSets.length === 0 && <p className="text-[11px] text-slate-500">{t('workflows.panel.plugin.noToolSets')}</p>}
      {toolSet !== undefined && latest === null && version === '' && (
        <p className="text-[11px] text-amber-700" data-testid="plugin-unpublished">
          {t('workflows.panel.plugin.unpublishedHint')}
        </p>
      )}
      <FieldShell label={fieldLabel(t, 'version')} path="data.nodeParam.version" problems={problems}>
        {(control) => (
          <Select {...control} value={version} disabled={locked || toolSet === undefined} onChange={(event) => void chooseVersion(event.target.value)} data-testid="plugin-version">
            <option value="">{latest === null ? t('workflows.panel.plugin.latestNone') : t('workflows.panel.plugin.latest', { version: latest })}</option>
            {version !== '' && !versionItems.some((item) => item.version === version) && (
              <option value={version}>
                {version === 'draft' ? t('workflows.panel.plugin.draftVersion') : t('workflows.panel.plugin.unknownVersion', { version })}
              </option>
            )}
            {versionItems.map((item) => (
              <option key={item.version} value={item.version} data-testid="plugin-version-option">
                {t('workflows.panel.plugin.version', { version: item.version, date: formatDateTime(item.publishedAt, i18n.language) })}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      <FieldShell label={fieldLabel(t, 'operationId')} path="data.nodeParam.operationId" problems={problems}>
        {(control) => (
          <Select
            {...control}
            value={operationId}
            disabled={locked || !operations.isSuccess}
            onChange={(event) => {
              const chosen = operationItems.find((item) => item.operationId === event.target.value);
              if (chosen !== undefined) write(fields(version, chosen.operationId), chosen);
            }}
            data-testid="plugin-operation"
          >
            {operationId === '' && <option value="">{t('workflows.panel.plugin.chooseOperation')}</option>}
            {operationId !== '' && operation === undefined && (
              <option value={operationId}>{operations.isSuccess ? t('workflows.panel.plugin.unknownOperation', { id: operationId }) : operationId}</option>
            )}
            {operationItems.map((item) => (
              <option key={item.operationId} value={item.operationId} data-testid="plugin-operation-option">
                {item.name}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      {operations.isError && (
        <p className="text-[11px] text-red-600" data-testid="plugin-error">
          {t('workflows.panel.plugin.operationsFailed', { message: errorMessage(operations.error, t) })}
        </p>
      )}
      {versionChange.error !== null && (
        <p className="text-[11px] text-red-600" data-testid="plugin-error">
          {errorMessage(versionChange.error, t)}
        </p>
      )}
      {operation !== undefined && (
        <ToolDescription
          text={operation.description || operation.summary}
          detail={`${operation.method.toUpperCase()} ${operation.path}`}
          note={operation.outputSchema === null ? t('workflows.panel.plugin.answerWhole') : undefined}
        />
      )}
    </>
  );
}
