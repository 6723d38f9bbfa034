import type { OutNode } from './dify-nodes.js';
import { buildNodes, outputItem, planIterationTypes, planNode, retryConfigOf } from './dify-nodes.js';
import type { NodePlan } from './dify-support.js';
import { DifyContext, list, newId, numberOr, rec, text, valueTypeOf } from './dify-support.js';
import { isRecord, readDocument } from './read.js';
import type { ImportResult, ModelMapper } from './result.js';
import { DslImportError } from './result.js';

/**
 * Dify's workflow DSL (the YAML a Dify workflow or chatflow app exports: `app`, `kind: app`, `version`,
 * `workflow.graph.nodes/edges`) turned into our DSL. Nodes get `<type>::<uuid>` ids (idMap gives them by Dify id),
 * Dify's value selectors and `{{#node.var#}}` templates become inputs and references, branch handles are
 * re-pointed, positions and iteration bodies are kept. Node types we have no equivalent for are left out with their
 * edges, each named in a warning; validateWorkflow then reports what they leave disconnected. Pure data
 * transformation: nothing runs, connects or is fetched.
 */

export interface DifyImportOptions {
  mapModel: ModelMapper;
}

export interface DifyImportResult extends ImportResult {
  /** Dify node id → our node id (a grouped aggregator: its first group's node; joined ends: the joined end). */
  idMap: Record<string, string>;
}

interface OutEdge {
  id: string;
  sourceNodeId: string;
  targetNodeId: string;
  sourceHandle?: string;
}

const NON_WORKFLOW_MODES = new Set(['chat', 'agent-chat', 'completion']);

/** Whether a parsed document is Dify's: its app export, or a workflow draft `{graph: {nodes, edges}, features}`. */
export function isDifyDocument(document: unknown): boolean {
  if (!isRecord(document)) return false;
  if (isRecord(document.workflow) && isRecord(document.workflow.graph)) return true;
  if (document.kind === 'app' && isRecord(document.app)) return true;
  const graph = rec(document.graph);
  return list(graph.nodes).some((node) => isRecord(node) && isRecord(node.data) && typeof node.data.type === 'string');
}

function unwrap(document: unknown): { app: Record<string, unknown>; workflow: Record<string, unknown>; graph: Record<string, unknown> } {
  if (!isDifyDocument(document)) {
    throw new DslImportError('unrecognized-format', 'Not a Dify workflow: expected its app export (app, kind: app, workflow.graph) or { graph: { nodes, edges } }');
  }
  const root = document as Record<string, unknown>;
  const app = rec(root.app);
  const mode = text(app.mode);
  if (!isRecord(root.workflow) && !isRecord(root.graph)) {
    const what = NON_WORKFLOW_MODES.has(mode) ? `a Dify ${mode} app` : 'this Dify app';
    throw new DslImportError('unrecognized-format', `${what} has no workflow; only workflow and chatflow (advanced-chat) apps import`);
  }
  const workflow = isRecord(root.workflow) ? root.workflow : root;
  return { app, workflow, graph: rec(workflow.graph) };
}

function readVariables(context: DifyContext, workflow: Record<string, unknown>): void {
  for (const variable of list(workflow.environment_variables).map(rec)) {
    const name = text(variable.name);
    const kind = text(variable.value_type);
    const value = kind === 'number' ? numberOr(variable.value, 0) : (variable.value ?? '');
    if (name) context.env.set(name, { value, type: valueTypeOf(kind) ?? 'string', secret: kind === 'secret' });
  }
  for (const variable of list(workflow.conversation_variables).map(rec)) {
    const name = text(variable.name);
    if (name) context.conversation.set(name, { value: variable.value ?? null, type: valueTypeOf(variable.value_type) ?? 'string' });
  }
}

/** Nodes inside a container that is left out (a loop...) go with it; iteration-start nodes need their iteration. */
function settleContainers(context: DifyContext): void {
  for (const plan of context.plans.values()) {
    if (plan.parent && !context.plans.has(plan.parent)) delete plan.parent;
    const parent = plan.parent ? context.plans.get(plan.parent) : undefined;
    if (plan.supported && parent && (!parent.supported || !parent.iteration)) plan.supported = false;
    if (plan.difyType === 'iteration-start' && !parent) plan.supported = false;
  }
  for (const plan of context.plans.values()) {
    if (!plan.iteration || !plan.supported) continue;
    const starts = [...context.plans.values()].filter((child) => child.parent === plan.difyId && child.difyType === 'iteration-start' && child.supported);
    const start = starts.find((child) => child.difyId === text(plan.data.start_node_id)) ?? starts[0];
    if (start) {
      plan.iteration.startPlan = start;
      plan.iteration.startId = start.ourId;
    }
    for (const extra of starts) if (extra !== start) extra.supported = false;
  }
}

class EdgeList {
  readonly items: OutEdge[] = [];
  private readonly ids = new Set<string>();

  add(base: string, sourceNodeId: string, targetNodeId: string, handle = ''): void {
    if (this.items.some((edge) => edge.sourceNodeId === sourceNodeId && edge.targetNodeId === targetNodeId && (edge.sourceHandle ?? '') === handle)) return;
    let id = base || `edge-${newId()}`;
    for (let suffix = 2; this.ids.has(id); suffix += 1) id = `${base}-${suffix}`;
    this.ids.add(id);
    this.items.push({ id, sourceNodeId, targetNodeId, ...(handle ? { sourceHandle: handle } : {}) });
  }

  /** Drops edges that became duplicates after re-pointing. */
  dedupe(): void {
    const seen = new Set<string>();
    for (let index = this.items.length - 1; index >= 0; index -= 1) {
      const edge = this.items[index]!;
      const key = `${edge.sourceNodeId}\u0000${edge.targetNodeId}\u0000${edge.sourceHandle ?? ''}`;
      if (seen.has(key)) this.items.splice(index, 1);
      seen.add(key);
    }
  }
}

function mapEdges(context: DifyContext, rawEdges: readonly Record<string, unknown>[], edges: EdgeList): void {
  for (const raw of rawEdges) {
    const source = context.plans.get(text(raw.source));
    const target = context.plans.get(text(raw.target));
    if (!source || !target) continue;
    if (!source.supported || !target.supported) {
      if (!source.supported) source.droppedEdges += 1;
      if (!target.supported) target.droppedEdges += 1;
      continue;
    }
    const difyHandle = text(raw.sourceHandle) || 'source';
    const handle = source.handles.get(difyHandle);
    if (handle === undefined) {
      context.warn('setting-not-supported', `${context.label(source)}: an edge leaves it by "${difyHandle}", which has no equivalent here, and was left out`, source);
      continue;
    }
    const sources = source.groups ? [...source.groups.values()] : [source.ourId];
    const targets = target.groups ? [...target.groups.values()] : [target.ourId];
    for (const from of sources) {
      for (const to of targets) {
        edges.add(text(raw.id), from, to, handle);
        if (source.alsoFrom?.difyHandle === difyHandle) edges.add(text(raw.id), from, to, source.alsoFrom.handle);
      }
    }
  }
  // An iteration without Dify's iteration-start node (DSL before 0.8) starts at start_node_id.
  for (const plan of context.plans.values()) {
    if (!plan.iteration || !plan.supported || plan.iteration.startPlan) continue;
    const first = context.plans.get(text(plan.data.start_node_id));
    if (first?.supported && first.parent === plan.difyId) edges.add('', plan.iteration.startId, first.ourId);
  }
}

/** The handles a node leaves by: its branches, or a plain edge. */
function leavingHandles(plan: NodePlan | undefined): string[] {
  if (!plan || (plan.ourType !== 'if-else' && plan.ourType !== 'decision-making')) return [''];
  const handles = [...plan.handles.entries()].filter(([dify, ours]) => ours !== '' && dify !== 'fail-branch').map(([, ours]) => ours);
  return plan.alsoFrom ? [...handles, plan.alsoFrom.handle] : handles;
}

/** Dify's iteration has no end node: ours collects output_selector, reached from every last node of the body. */
function closeIterations(context: DifyContext, nodes: readonly OutNode[], edges: EdgeList): void {
  const plansByOurId = new Map([...context.plans.values()].filter((plan) => plan.supported).map((plan) => [plan.ourId, plan]));
  for (const plan of context.plans.values()) {
    if (!plan.iteration || !plan.supported) continue;
    const endId = plan.iteration.endId;
    const members = new Set(nodes.filter((node) => node.parentId === plan.ourId && node.id !== endId).map((node) => node.id));
    const leaving = new Set(edges.items.filter((edge) => members.has(edge.sourceNodeId) && members.has(edge.targetNodeId)).map((edge) => edge.sourceNodeId));
    for (const member of members) {
      if (leaving.has(member)) continue;
      for (const handle of leavingHandles(plansByOurId.get(member))) edges.add('', member, endId, handle);
    }
  }
}

/**
 * The engine returns the outputs of one end node, so several top-level ends (Dify's answers on different branches,
 * or end nodes) are joined: answers become text nodes whose texts the joined end concatenates (only the branch
 * that ran has one), and an end variable given by several ends is taken from whichever ran, through an aggregator.
 */
function joinEnds(context: DifyContext, nodes: OutNode[], edges: EdgeList, idMap: Record<string, string>): void {
  const terminals = nodes.filter((node) => node.id.startsWith('node-end::') && !node.parentId);
  if (terminals.length <= 1) return;
  const answers = terminals.filter((node) => node.data.nodeParam.outputMode === 1);
  const ends = terminals.filter((node) => node.data.nodeParam.outputMode !== 1);
  const joinedId = `node-end::${newId()}`;
  const x = Math.max(...terminals.map((node) => node.position?.x ?? 0)) + 320;
  const y = terminals[0]!.position?.y ?? 0;
  const joined: OutNode = {
    id: joinedId,
    position: { x, y },
    data: { nodeMeta: { nodeType: '基础节点', aliasName: 'End' }, inputs: [], outputs: [], nodeParam: {} },
  };
  const renamed = new Map<string, string>();
  const parts: string[] = [];
  answers.forEach((answer, index) => {
    const joinerId = `text-joiner::${newId()}`;
    renamed.set(answer.id, joinerId);
    for (const edge of edges.items) if (edge.targetNodeId === answer.id) edge.targetNodeId = joinerId;
    answer.id = joinerId;
    answer.data.nodeMeta = { nodeType: '工具', aliasName: answer.data.nodeMeta.aliasName };
    answer.data.nodeParam = { mode: 0, prompt: answer.data.nodeParam.template, separator: '' };
    answer.data.outputs = [outputItem({ name: 'output', type: 'string' })];
    const name = `answer_${index + 1}`;
    joined.data.inputs.push({ id: newId(), name, schema: { type: 'string', value: { type: 'ref', content: { nodeId: joinerId, name: 'output' } } } });
    edges.add('', joinerId, joinedId);
    parts.push(`{{${name}}}`);
  });
  const byName = new Map<string, Array<{ end: OutNode; input: OutNode['data']['inputs'][number] }>>();
  for (const end of ends) for (const input of end.data.inputs) byName.set(input.name, [...(byName.get(input.name) ?? []), { end, input }]);
  const added: OutNode[] = [];
  for (const [name, givers] of byName) {
    const distinct = new Set(givers.map((giver) => JSON.stringify(giver.input.schema.value)));
    if (distinct.size === 1) {
      joined.data.inputs.push({ ...givers[0]!.input, id: newId() });
      continue;
    }
    const aggregatorId = `variable-aggregator::${newId()}`;
    added.push({
      id: aggregatorId,
      position: { x: x - 160, y: y + 160 * (added.length + 1) },
      data: {
        nodeMeta: { nodeType: '基础节点', aliasName: name },
        inputs: givers.map((giver, index) => ({ ...giver.input, id: newId(), name: `${name}_${index + 1}` })),
        outputs: [outputItem({ name, type: givers[0]!.input.schema.type })],
        nodeParam: { mode: 'first-non-null' },
      },
    });
    for (const giver of givers) {
      for (const edge of [...edges.items]) if (edge.targetNodeId === giver.end.id) edges.add('', edge.sourceNodeId, aggregatorId, edge.sourceHandle ?? '');
    }
    edges.add('', aggregatorId, joinedId);
    joined.data.inputs.push({ id: newId(), name, schema: { type: givers[0]!.input.schema.type, value: { type: 'ref', content: { nodeId: aggregatorId, name } } } });
  }
  const endIds = new Set(ends.map((end) => end.id));
  for (const edge of edges.items) if (endIds.has(edge.targetNodeId)) edge.targetNodeId = joinedId;
  edges.dedupe();
  for (const end of ends) nodes.splice(nodes.indexOf(end), 1);
  nodes.push(joined, ...added);
  joined.data.nodeParam =
    answers.length > 0
      ? { outputMode: 1, template: parts.join(''), reasoningTemplate: '', streamOutput: true }
      : { outputMode: 0, template: '', reasoningTemplate: '', streamOutput: false };
  for (const [difyId, ourId] of Object.entries(idMap)) {
    if (endIds.has(ourId)) idMap[difyId] = joinedId;
    else if (renamed.has(ourId)) idMap[difyId] = renamed.get(ourId)!;
  }
  const titles = terminals.map((node) => `"${node.data.nodeMeta.aliasName}"`).join(', ');
  context.warn('ends-merged', `The end nodes ${titles} were joined into ${joinedId}: a run here returns the outputs of one end node`);
  if (answers.length > 0 && ends.length > 0) {
    context.warn('ends-merged', `${joinedId} returns the joined answers; the variables of the end nodes are its inputs but not part of its output`);
  }
}

function reportLeftOut(context: DifyContext): void {
  const plans = [...context.plans.values()];
  for (const plan of plans) {
    if (plan.supported) continue;
    const parent = plan.parent ? context.plans.get(plan.parent) : undefined;
    if (parent && !parent.supported) continue;
    const inside = plans.filter((child) => child.parent === plan.difyId).length;
    const extras = [
      plan.droppedEdges > 0 ? `its ${plan.droppedEdges} edge${plan.droppedEdges > 1 ? 's' : ''}` : '',
      inside > 0 ? `the ${inside} node${inside > 1 ? 's' : ''} inside it` : '',
    ].filter(Boolean);
    const why = parent ? `is inside "${parent.title}", which is not an iteration` : `of type "${plan.difyType}" has no equivalent here`;
    context.warn('node-not-supported', `Dify node ${plan.difyId} ("${plan.title}") ${why}; it was left out${extras.length > 0 ? `, with ${extras.join(' and ')}` : ''}`, plan);
  }
}

export function importDifyWorkflow(input: unknown, options: DifyImportOptions): DifyImportResult {
  const { app, workflow, graph } = unwrap(readDocument(input));
  const context = new DifyContext(text(app.mode) === 'advanced-chat', options.mapModel);
  readVariables(context, workflow);
  const rawEdges = list(graph.edges).filter(isRecord);
  for (const raw of list(graph.nodes).filter(isRecord)) {
    const id = text(raw.id);
    // Canvas notes (custom-note) are not part of the workflow.
    if (!id || raw.type === 'custom-note' || text(rec(raw.data).type) === '' || context.plans.has(id)) continue;
    context.plans.set(id, planNode(context, raw, rawEdges));
  }
  settleContainers(context);
  planIterationTypes(context);
  planIterationTypes(context);

  const nodes: OutNode[] = [];
  const built = new Map<NodePlan, OutNode[]>();
  for (const plan of context.plans.values()) {
    if (!plan.supported) continue;
    const made = buildNodes(context, plan);
    built.set(plan, made);
    nodes.push(...made);
  }
  const edges = new EdgeList();
  mapEdges(context, rawEdges, edges);
  for (const [plan, made] of built) {
    const main = made[0]!;
    for (const variable of plan.used) main.data.outputs.push(outputItem(plan.optional.get(variable)!));
    if (plan.difyType === 'start' && context.needsUserInput && !main.data.outputs.some((output) => output.name === 'AGENT_USER_INPUT')) {
      main.data.outputs.unshift(outputItem({ name: 'AGENT_USER_INPUT', type: 'string', required: context.chat, description: "The user's message" }));
    }
    const retryConfig = retryConfigOf(plan, main);
    if (retryConfig) main.data.retryConfig = retryConfig;
  }
  closeIterations(context, nodes, edges);
  const idMap: Record<string, string> = {};
  for (const plan of context.plans.values()) if (plan.supported) idMap[plan.difyId] = plan.ourId;
  joinEnds(context, nodes, edges, idMap);
  reportLeftOut(context);
  return {
    dsl: { nodes, edges: edges.items },
    name: text(app.name).trim() || 'Imported workflow',
    description: text(app.description),
    warnings: context.warnings,
    idMap,
  };
}
