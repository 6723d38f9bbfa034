import type { z } from 'zod';
import type { DslNode } from '../types.js';
import type { ValueType } from '../value-types.js';

/** Palette groups of the original console: 固定节点, 基础节点, 工具, 逻辑, 转换, 其他. */
export type PaletteCategory = 'fixed' | 'basic' | 'tool' | 'logic' | 'transform' | 'other';

/**
 * How a node's outputs come about: `user` (declared by whoever builds the node), `fixed` (always `fixedOutputs`),
 * `derived` (computed from something else: the chosen tool or workflow, the iteration body), `none`.
 */
export type OutputKind = 'user' | 'fixed' | 'derived' | 'none';

export interface OutputTemplate {
  name: string;
  type: ValueType;
  description?: string;
}

/** A problem a node definition finds in its own node beyond its nodeParam schema (cross-field checks). */
export interface NodeCheckProblem {
  code: 'invalid-node-param' | 'unknown-condition-variable' | 'unknown-input' | 'missing-model';
  field: string;
  message: string;
}

export interface NodeDefinition<Param extends z.ZodType = z.ZodType> {
  /** The id prefix, as in the original. */
  type: string;
  title: string;
  /** `nodeMeta.nodeType` the original console writes for a new node of this type. */
  originalLabel: string;
  category: PaletteCategory;
  nodeParam: Param;
  outputs: OutputKind;
  fixedOutputs?: readonly OutputTemplate[];
  /** Iteration and loop hold a body of nodes whose `parentId` is their id. */
  container?: 'iteration' | 'loop';
  /** The node only exists inside a container of this kind. */
  insideOnly?: 'iteration';
  /** Branch handles (edge sourceHandle values) this node can leave by; empty when it is not a branching node. */
  branches?: (nodeParam: Record<string, unknown>) => string[];
  /** Whether retryConfig.error_strategy 2 (an error branch) is offered for this type. */
  errorBranch: boolean;
  /** Whether the node runs a model of the space: always, or only for some settings. */
  usesModel?: 'always' | 'optional';
  check?: (node: DslNode) => NodeCheckProblem[];
}

export const defineNode = <Param extends z.ZodType>(definition: NodeDefinition<Param>): NodeDefinition<Param> =>
  definition;
