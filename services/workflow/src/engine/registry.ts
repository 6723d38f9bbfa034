import type { NodeType } from './node-type.js';
import { agentNode } from './nodes/agent.js';
import { codeNode } from './nodes/code.js';
import { databaseNode } from './nodes/database.js';
import { decisionNode } from './nodes/decision.js';
import { bodyEndNode, endNode } from './nodes/end.js';
import { extractorNode } from './nodes/extractor.js';
import { flowNode } from './nodes/flow.js';
import { ifElseNode } from './nodes/if-else.js';
import { httpRequestNode } from './nodes/http-request.js';
import { iterationNode } from './nodes/iteration.js';
import { knowledgeBaseNode } from './nodes/knowledge-base.js';
import { knowledgeProNode } from './nodes/knowledge-pro.js';
import { llmNode } from './nodes/llm.js';
import { loopNode } from './nodes/loop.js';
import { messageNode } from './nodes/message.js';
import { questionAnswerNode } from './nodes/question-answer.js';
import { startNode } from './nodes/start.js';
import { templateTransformNode } from './nodes/template-transform.js';
import { textJoinerNode } from './nodes/text-joiner.js';
import { variableAggregatorNode } from './nodes/variable-aggregator.js';
import { pluginNode } from './nodes/plugin.js';
import { nodeVariableNode, variableAssignerNode } from './nodes/variables.js';

/** Every node type the engine runs, one line each. A type missing here fails its node with node_type_unavailable. */
export const builtinNodeTypes: NodeType[] = [
  startNode,
  endNode,
  bodyEndNode('iteration-node-end'),
  ifElseNode,
  iterationNode,
  textJoinerNode,
  messageNode,
  questionAnswerNode,
  llmNode,
  decisionNode,
  extractorNode,
  loopNode,
  templateTransformNode,
  variableAggregatorNode,
  httpRequestNode,
  nodeVariableNode,
  variableAssignerNode,
  codeNode,
  flowNode,
  agentNode,
  knowledgeBaseNode,
  pluginNode,
  databaseNode,
  knowledgeProNode,
];

export const nodeTypeMap = (types: NodeType[]): Map<string, NodeType> => new Map(types.map((type) => [type.type, type]));
