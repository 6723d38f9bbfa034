import { nodeParamJsonSchema, type Problem } from '@astron/dsl';
import { CircleAlert, Trash2, TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import type { Draft, DraftNode, NodeData } from '../editor/draft.js';
import { definitionOf, typeOfNode } from '../editor/draft.js';
import { propertiesOf } from '../editor/schema-defaults.js';
import { variableOptions } from '../editor/variables.js';
import { nodeTitle } from '../labels.js';
import type { FieldContext, ModelOption } from './field-context.js';
import { DATABASE_PICKED, DatabasePicker } from './database-picker.js';
import { FieldShell } from './field-shell.js';
import { FlowPicker } from './flow-picker.js';
import { InputsEditor } from './inputs-editor.js';
import { KNOWLEDGE_PICKED, KnowledgePicker } from './knowledge-picker.js';
import { OutputsEditor } from './outputs-editor.js';
import { PLUGIN_PICKED, PluginPicker } from './plugin-picker.js';
import { RetryEditor } from './retry-editor.js';
import { ObjectFields } from './schema-field.js';

const NO_INPUTS = new Set(['node-start', 'iteration-node-start']);
/** A flow node's fields its workflow picker edits instead of the generated form. */
const FLOW_PICKED = new Set(['flowId', 'version']);
/** The fields a node type's picker edits, by node type. */
const PICKED: Record<string, ReadonlySet<string>> = { flow: FLOW_PICKED, plugin: PLUGIN_PICKED, database: DATABASE_PICKED };

export interface NodePanelProps {
  node: DraftNode;
  draft: Draft;
  /** The workflow being edited, which its flow nodes may not run. */
  workflowId: string;
  problems: Problem[];
  models: ModelOption[];
  editable: boolean;
  /** Changes the node's data; `key` merges quick successive changes of one field into one undo step. */
  onChange: (update: (data: NodeData) => NodeData, key?: string) => void;
  onDelete: () => void;
}

/** The selected node's settings: alias, inputs, outputs, the fields of its nodeParam, retries and errors. */
export function NodePanel({ node, draft, workflowId, problems, models, editable, onChange, onDelete }: NodePanelProps) {
  const { t } = useTranslation();
  const type = typeOfNode(node);
  const definition = definitionOf(node);
  const schema = useMemo(() => (definition === undefined ? null : nodeParamJsonSchema(definition.type)), [definition]);
  const options = useMemo(() => variableOptions(draft, node.id), [draft, node.id]);
  const context: FieldContext = { nodeType: type, inputs: node.data.inputs, models, problems, editable };
  const properties =
    schema === null
      ? []
      : propertiesOf(schema).filter(([key]) => !(PICKED[type]?.has(key) ?? false) && key !== KNOWLEDGE_PICKED[type]);

  return (
    <div className="space-y-5 p-4" data-testid="node-panel" data-node-id={node.id}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm font-semibold text-slate-900">{nodeTitle(t, type)}</p>
          <p className="truncate font-mono text-[11px] text-slate-400" title={node.id}>
            {node.id}
          </p>
        </div>
        {editable && type !== 'node-start' && (
          <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={onDelete} data-testid="node-delete">
            <Trash2 className="size-3.5" aria-hidden />
            {t('common.delete')}
          </Button>
        )}
      </div>
      {problems.length > 0 && (
        <ul className="space-y-1" data-testid="node-problems">
          {problems.map((problem, index) => (
            <li
              key={index}
              className={problem.severity === 'error' ? 'flex gap-1.5 text-xs text-red-700' : 'flex gap-1.5 text-xs text-amber-700'}
              data-testid="node-problem"
              data-severity={problem.severity}
            >
              {problem.severity === 'error' ? <CircleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden /> : <TriangleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden />}
              <span>{problem.message}</span>
            </li>
          ))}
        </ul>
      )}
      <FieldShell label={t('workflows.panel.alias')} path="data.nodeMeta.aliasName" problems={problems}>
        {(control) => (
          <Input
            {...control}
            value={node.data.nodeMeta.aliasName}
            disabled={!editable}
            onChange={(event) => {
              const aliasName = event.target.value;
              onChange((data) => ({ ...data, nodeMeta: { ...data.nodeMeta, aliasName } }), 'alias');
            }}
            data-testid="node-alias"
          />
        )}
      </FieldShell>
      {type === 'flow' && <FlowPicker node={node} draft={draft} workflowId={workflowId} problems={problems} editable={editable} onChange={onChange} />}
      {KNOWLEDGE_PICKED[type] !== undefined && <KnowledgePicker field={KNOWLEDGE_PICKED[type]} node={node} problems={problems} editable={editable} onChange={onChange} />}
      {type === 'plugin' && <PluginPicker key={node.id} node={node} problems={problems} editable={editable} onChange={onChange} />}
      {type === 'database' && <DatabasePicker node={node} problems={problems} editable={editable} onChange={onChange} />}
      {!NO_INPUTS.has(type) && (
        <InputsEditor
          inputs={node.data.inputs}
          options={options}
          problems={problems}
          editable={editable}
          onChange={(inputs, key) => onChange((data) => ({ ...data, inputs }), key)}
        />
      )}
      {definition !== undefined && (
        <OutputsEditor
          outputs={node.data.outputs}
          kind={definition.outputs}
          fixedNames={(definition.fixedOutputs ?? []).map((output) => output.name)}
          problems={problems}
          editable={editable}
          onChange={(outputs, key) => onChange((data) => ({ ...data, outputs }), key)}
        />
      )}
      {properties.length > 0 && (
        <section className="space-y-3" data-testid="param-form">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('workflows.panel.settings')}</h3>
          <ObjectFields
            properties={properties}
            value={node.data.nodeParam}
            path={['nodeParam']}
            context={context}
            onChange={(nodeParam) => onChange((data) => ({ ...data, nodeParam }), 'param')}
          />
        </section>
      )}
      {definition !== undefined && type !== 'node-start' && type !== 'node-end' && (
        <RetryEditor
          retry={node.data.retryConfig}
          errorBranch={definition.errorBranch}
          problems={problems}
          editable={editable}
          onChange={(retryConfig, key) => onChange((data) => ({ ...data, retryConfig }), key)}
        />
      )}
    </div>
  );
}
