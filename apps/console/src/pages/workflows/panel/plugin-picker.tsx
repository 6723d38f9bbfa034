import { typeTagOf, type Problem } from '@astron/dsl';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonSchema } from '../../../api/plugin-types.js';
import { Field } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import { isRecord, type DraftNode, type NodeData } from '../editor/draft.js';
import { withFlowInterface, type FlowInterface, type TypedName } from '../editor/flow-interface.js';
import { McpToolFields } from './plugin-picker-mcp.js';
import { ToolSetFields } from './plugin-picker-openapi.js';

/** The plugin node's fields its picker writes instead of the generated form. */
const PICKED_FIELDS = ['pluginId', 'operationId', 'version', 'mcpServerId', 'toolName'] as const;
export const PLUGIN_PICKED: ReadonlySet<string> = new Set(PICKED_FIELDS);

type PickedField = (typeof PICKED_FIELDS)[number];

/** A tool as the node calls it: what it takes and, when its service describes it, what it answers. */
export interface PickedTool {
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema | null;
}

/** Makes `fields` the node's picked fields (the others go) and, given the tool, its inputs and outputs. */
export type WritePick = (fields: Partial<Record<PickedField, string>>, tool: PickedTool | null) => void;

export interface PickerFieldsProps {
  /** The node's picked fields as text, '' when unset. */
  picked: Record<PickedField, string>;
  problems: Problem[];
  editable: boolean;
  write: WritePick;
}

type Kind = 'openapi' | 'mcp';

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An untyped parameter is offered as text, the type the console gives a new input. */
const typeOf = (schema: unknown): string => {
  const tag = typeTagOf(schema);
  return tag === 'any' ? 'string' : tag;
};

const propertiesOf = (schema: JsonSchema): TypedName[] =>
  Object.entries(isRecord(schema.properties) ? schema.properties : {}).map(([name, property]) => ({ name, type: typeOf(property) }));

/**
 * What the node takes and gives for a tool, as the engine runs it (services/workflow engine/nodes/plugin.ts and
 * tool-outputs.ts): the tool's parameters are the inputs; an object answer's fields are the outputs, any other
 * answer is `result`. An MCP tool that describes no answer answers text, `result`; an OpenAPI operation that
 * describes none is passed on whole, which declares no output.
 */
export function toolInterface(kind: Kind, tool: PickedTool): FlowInterface {
  const inputs = propertiesOf(tool.inputSchema);
  const answer = tool.outputSchema ?? null;
  const tag = answer === null ? 'any' : typeTagOf(answer);
  if (answer !== null && (tag === 'object' || isRecord(answer.properties))) return { inputs, outputs: propertiesOf(answer) };
  if (tag !== 'any') return { inputs, outputs: [{ name: 'result', type: tag }] };
  return { inputs, outputs: kind === 'mcp' ? [{ name: 'result', type: 'string' }] : [] };
}

/**
 * Where a plugin node chooses what it calls: an operation of one of the space's OpenAPI tool sets (at its latest
 * published version or a pinned one), or a tool of one of its MCP servers. Choosing a tool makes its parameters
 * the node's inputs (an input already wired under the same name keeps its value) and its answer the outputs.
 */
export function PluginPicker({
  node,
  problems,
  editable,
  onChange,
}: {
  node: DraftNode;
  problems: Problem[];
  editable: boolean;
  onChange: (update: (data: NodeData) => NodeData) => void;
}) {
  const { t } = useTranslation();
  const param = node.data.nodeParam;
  const picked = Object.fromEntries(PICKED_FIELDS.map((field) => [field, textOf(param[field])])) as Record<PickedField, string>;
  // The kind follows what the node names (as the engine does: an MCP server first), so an undo shows the right one;
  // the person's choice counts while it names nothing.
  const [chosenKind, setChosenKind] = useState<Kind>('openapi');
  const kind: Kind = picked.mcpServerId !== '' ? 'mcp' : picked.pluginId !== '' ? 'openapi' : chosenKind;
  const write: WritePick = (fields, tool) =>
    onChange((data) => {
      const kept = Object.fromEntries(Object.entries(data.nodeParam).filter(([key]) => !PLUGIN_PICKED.has(key)));
      const next = { ...data, nodeParam: { ...kept, ...fields } };
      return tool === null ? next : withFlowInterface(next, toolInterface(kind, tool));
    });
  const fields: PickerFieldsProps = { picked, problems, editable, write };
  /** Another kind drops what the node named of this one, which the engine would otherwise still call. */
  const switchKind = (next: Kind) => {
    setChosenKind(next);
    if (next !== kind && PICKED_FIELDS.some((field) => picked[field] !== '')) write({}, null);
  };

  return (
    <section className="space-y-3" data-testid="plugin-picker">
      <Field label={t('workflows.panel.plugin.kind')} hint={t('workflows.panel.plugin.hint')}>
        {(control) => (
          <Select {...control} value={kind} disabled={!editable} onChange={(event) => switchKind(event.target.value === 'mcp' ? 'mcp' : 'openapi')} data-testid="plugin-kind">
            <option value="openapi">{t('workflows.panel.plugin.kinds.openapi')}</option>
            <option value="mcp">{t('workflows.panel.plugin.kinds.mcp')}</option>
          </Select>
        )}
      </Field>
      {kind === 'openapi' ? <ToolSetFields {...fields} /> : <McpToolFields {...fields} />}
    </section>
  );
}
