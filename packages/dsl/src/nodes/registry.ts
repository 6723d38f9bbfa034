import { z } from 'zod';
import type { NodeDefinition } from './define.js';
import { agent } from './agent.js';
import { database } from './database.js';
import { decisionMaking } from './decision-making.js';
import { extractorParameter } from './extractor-parameter.js';
import { flow } from './flow.js';
import { httpRequest } from './http-request.js';
import { ifElse } from './if-else.js';
import { iflyCode } from './ifly-code.js';
import { iteration } from './iteration.js';
import { iterationNodeEnd } from './iteration-node-end.js';
import { iterationNodeStart } from './iteration-node-start.js';
import { knowledgeBase } from './knowledge-base.js';
import { knowledgeProBase } from './knowledge-pro-base.js';
import { loop } from './loop.js';
import { message } from './message.js';
import { nodeEnd } from './node-end.js';
import { nodeStart } from './node-start.js';
import { nodeVariable } from './node-variable.js';
import { plugin } from './plugin.js';
import { questionAnswer } from './question-answer.js';
import { sparkLlm } from './spark-llm.js';
import { templateTransform } from './template-transform.js';
import { textJoiner } from './text-joiner.js';
import { variableAggregator } from './variable-aggregator.js';
import { variableAssigner } from './variable-assigner.js';

/** Every node type, one line each, in palette order. */
export const nodeDefinitions: readonly NodeDefinition[] = [
  nodeStart,
  nodeEnd,
  sparkLlm,
  iflyCode,
  knowledgeBase,
  knowledgeProBase,
  questionAnswer,
  database,
  plugin,
  flow,
  httpRequest,
  decisionMaking,
  ifElse,
  iteration,
  iterationNodeStart,
  iterationNodeEnd,
  loop,
  agent,
  nodeVariable,
  extractorParameter,
  textJoiner,
  templateTransform,
  variableAggregator,
  variableAssigner,
  message,
];

const byType = new Map(nodeDefinitions.map((definition) => [definition.type, definition]));

export const nodeTypes: readonly string[] = nodeDefinitions.map((definition) => definition.type);

export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return byType.get(type);
}

function requireDefinition(type: string): NodeDefinition {
  const definition = byType.get(type);
  if (!definition) throw new Error(`unknown node type "${type}"; known types: ${nodeTypes.join(', ')}`);
  return definition;
}

/** The JSON Schema of a node type's nodeParam, as written by a person (defaulted fields optional): forms use it. */
export function nodeParamJsonSchema(type: string): Record<string, unknown> {
  return z.toJSONSchema(requireDefinition(type).nodeParam, { io: 'input', unrepresentable: 'any' });
}

/** A node's nodeParam checked against its type's schema, with defaults filled in. */
export function parseNodeParam(type: string, nodeParam: unknown) {
  return requireDefinition(type).nodeParam.safeParse(nodeParam);
}
