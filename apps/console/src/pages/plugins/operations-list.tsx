import { useTranslation } from 'react-i18next';
import type { ToolSet } from '../../api/plugin-types.js';
import { Badge } from '../../components/ui/badge.js';
import { Card } from '../../components/ui/card.js';
import { JsonBlock } from './json-block.js';

/** The draft's operations, each with the input schema a model fills in; and what the import left out. */
export function OperationsList({ toolSet }: { toolSet: ToolSet }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <Card className="divide-y divide-slate-100">
        {toolSet.operations.length === 0 && (
          <p className="p-5 text-sm text-slate-500">{t('plugins.toolSet.noOperations')}</p>
        )}
        {toolSet.operations.map((operation) => (
          <details
            key={operation.operationId}
            className="group px-5 py-3"
            data-testid="toolset-operation"
            data-operation-id={operation.operationId}
          >
            <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
              <Badge tone="brand" className="font-mono uppercase">
                {operation.method}
              </Badge>
              <code className="text-slate-800">{operation.path}</code>
              <span className="font-mono text-xs text-slate-400">{operation.operationId}</span>
              {operation.summary !== '' && <span className="text-slate-600">— {operation.summary}</span>}
            </summary>
            <div className="mt-3 space-y-2">
              {operation.description !== '' && (
                <p className="text-sm text-slate-600">{operation.description}</p>
              )}
              <p className="text-xs font-medium text-slate-500">{t('plugins.toolSet.inputSchema')}</p>
              <JsonBlock value={operation.inputSchema} />
            </div>
          </details>
        ))}
      </Card>
      {toolSet.skipped.length > 0 && (
        <Card className="p-5" data-testid="toolset-skipped">
          <p className="mb-2 text-sm font-medium text-amber-800">
            {t('plugins.toolSet.skipped', { count: toolSet.skipped.length })}
          </p>
          <ul className="space-y-1 text-xs text-slate-600">
            {toolSet.skipped.map((item) => (
              <li key={item.operation}>
                <code>{item.operation}</code>: {item.reason}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
