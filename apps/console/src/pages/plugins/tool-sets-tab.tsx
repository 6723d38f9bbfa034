import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FileCode2, Upload } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import { ResourceList } from '../../components/resource-list.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { useToast } from '../../components/ui/toast.js';
import { formatRelative } from '../../lib/format.js';
import { ImportToolSetDialog } from './import-tool-set-dialog.js';

/** The space's OpenAPI tool sets: import one, open it, delete it. */
export function ToolSetsTab({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: keys.toolSets, queryFn: () => api.plugins.toolSets.list() });
  const [importing, setImporting] = useState(false);
  const importButton = editable && (
    <Button onClick={() => setImporting(true)} data-testid="plugin-import">
      <Upload className="size-4" aria-hidden />
      {t('plugins.toolSets.import')}
    </Button>
  );

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-500">{t('plugins.toolSets.description')}</p>
        {importButton}
      </div>
      <ResourceList
        query={list}
        tableTestId="toolset-table"
        rowKey={(item) => item.id}
        rowProps={(item) => ({
          'data-testid': 'toolset-row',
          'data-name': item.name,
          'data-toolset-id': item.id,
        })}
        empty={{
          icon: FileCode2,
          title: t('plugins.toolSets.empty'),
          description: editable ? t('plugins.toolSets.emptyHint') : undefined,
        }}
        columns={[
          {
            header: t('plugins.toolSets.name'),
            className: 'max-w-md',
            cell: (item) => (
              <>
                <Link
                  to="/plugins/tool-sets/$toolSetId"
                  params={{ toolSetId: item.id }}
                  className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                  data-testid="toolset-open"
                >
                  {item.name}
                </Link>
                {item.description !== '' && (
                  <p className="mt-0.5 truncate text-xs text-slate-500">{item.description}</p>
                )}
              </>
            ),
          },
          {
            header: t('plugins.toolSets.operations'),
            className: 'text-right tabular-nums',
            cell: (item) => item.operationCount,
          },
          { header: t('plugins.toolSets.auth'), cell: (item) => t(`plugins.auth.types.${item.authType}`) },
          {
            header: t('plugins.toolSets.version'),
            cell: (item) =>
              item.latestVersion === null ? (
                <Badge>{t('plugins.toolSets.draftOnly')}</Badge>
              ) : (
                <Badge tone="success">{item.latestVersion}</Badge>
              ),
          },
          {
            header: t('plugins.toolSets.updated'),
            className: 'whitespace-nowrap text-slate-500',
            cell: (item) => formatRelative(item.updatedAt, i18n.language),
          },
        ]}
        remove={
          editable
            ? {
                testId: 'toolset-delete',
                title: t('plugins.toolSets.deleteTitle'),
                body: (item) => t('plugins.toolSets.deleteBody', { name: item.name }),
                run: async (item) => {
                  await api.plugins.toolSets.remove(item.id);
                  queryClient.removeQueries({ queryKey: keys.toolSet(item.id) });
                  await queryClient.invalidateQueries({ queryKey: keys.toolSets, exact: true });
                  toast.success(t('plugins.toolSets.deleted', { name: item.name }));
                },
              }
            : undefined
        }
      />
      <ImportToolSetDialog open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
