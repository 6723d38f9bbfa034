import { z } from 'zod';
import { VALUE_TYPES } from './value-types.js';

/**
 * The workflow envelope of the original astron-agent (core/workflow engine/entities/workflow_dsl.py and the
 * console's node shape). Parsing checks structure only; node parameters, the graph and references are checked by
 * validateWorkflow. Every object keeps keys it does not know (position, console flags, parentId...), so a flow
 * exported by the original survives a round trip unchanged.
 */
const valueType = z.enum(VALUE_TYPES, { error: `expected one of ${VALUE_TYPES.join(', ')}` });

export const nodeRefSchema = z.looseObject({
  /** Id of the node whose output is read. */
  nodeId: z.string().default(''),
  /** Output name; `a.b` reads property b of output a. */
  name: z.string().default(''),
  /** Id of the referenced output item (the console writes it; informative only). */
  id: z.string().optional(),
});

export const refValueSchema = z.looseObject({ type: z.literal('ref'), content: nodeRefSchema });
export const literalValueSchema = z.looseObject({ type: z.literal('literal'), content: z.unknown() });
export const inputValueSchema = z.discriminatedUnion('type', [refValueSchema, literalValueSchema], {
  error: 'expected a value of type "ref" or "literal"',
});

export const inputItemSchema = z.looseObject({
  id: z.string().default(''),
  name: z.string().min(1, 'an input needs a name'),
  schema: z.looseObject({ type: valueType, value: inputValueSchema }),
  fileType: z.string().optional(),
});

export const outputItemSchema = z.looseObject({
  id: z.string().default(''),
  name: z.string().min(1, 'an output needs a name'),
  /** JSON-schema-like: type, items, properties (a map, or the console's list), default, description. */
  schema: z.looseObject({ type: valueType }),
  required: z.boolean().default(false),
});

export const ERROR_STRATEGY = { interrupt: 0, customOutput: 1, failBranch: 2 } as const;

export const retryConfigSchema = z.looseObject({
  /** Seconds one attempt may take. */
  timeout: z.number().positive().default(60),
  should_retry: z.boolean().default(false),
  max_retries: z.number().int().min(0).default(0),
  /** 0 fails the run, 1 continues with custom_output, 2 takes the node's error branch (fail_one_of handle). */
  error_strategy: z.literal([0, 1, 2], { error: 'expected 0 (interrupt), 1 (custom output) or 2 (error branch)' }).default(0),
  custom_output: z.record(z.string(), z.unknown()).default({}),
});

export const nodeMetaSchema = z.looseObject({
  /** Palette label in the original (基础节点, 工具...), not the node type: the type is the id prefix. */
  nodeType: z.string(),
  aliasName: z.string(),
});

export const nodeDataSchema = z.looseObject({
  nodeMeta: nodeMetaSchema,
  inputs: z.array(inputItemSchema).default([]),
  outputs: z.array(outputItemSchema).default([]),
  nodeParam: z.record(z.string(), z.unknown()).default({}),
  retryConfig: retryConfigSchema.optional(),
  /** The console also writes the container id here. */
  parentId: z.string().optional(),
});

export const dslNodeSchema = z.looseObject({
  /** `<node type>::<uuid>`. */
  id: z.string().min(1, 'a node needs an id'),
  data: nodeDataSchema,
  position: z.looseObject({ x: z.number(), y: z.number() }).optional(),
  type: z.string().optional(),
  /** Id of the iteration or loop this node belongs to (the console's field; absent at the top level). */
  parentId: z.string().optional(),
});

export const dslEdgeSchema = z.looseObject({
  sourceNodeId: z.string().min(1, 'an edge needs a sourceNodeId'),
  targetNodeId: z.string().min(1, 'an edge needs a targetNodeId'),
  sourceHandle: z.string().nullish(),
  targetHandle: z.string().nullish(),
  id: z.string().optional(),
});

export const workflowDslSchema = z.looseObject({
  nodes: z.array(dslNodeSchema),
  edges: z.array(dslEdgeSchema),
});

export type NodeRef = z.output<typeof nodeRefSchema>;
export type InputValue = z.output<typeof inputValueSchema>;
export type InputItem = z.output<typeof inputItemSchema>;
export type OutputItem = z.output<typeof outputItemSchema>;
export type RetryConfig = z.output<typeof retryConfigSchema>;
export type NodeMeta = z.output<typeof nodeMetaSchema>;
export type NodeData = z.output<typeof nodeDataSchema>;
export type DslNode = z.output<typeof dslNodeSchema>;
export type DslEdge = z.output<typeof dslEdgeSchema>;
/** A parsed workflow: defaults filled in. */
export type WorkflowDsl = z.output<typeof workflowDslSchema>;
/** A workflow as written: defaults may be left out. */
export type WorkflowDslInput = z.input<typeof workflowDslSchema>;

/** The container id of a node: the node's own `parentId`, else the console's `data.parentId`. */
export function parentIdOf(node: { parentId?: string | undefined; data?: { parentId?: string | undefined } }): string | undefined {
  return node.parentId || node.data?.parentId || undefined;
}
