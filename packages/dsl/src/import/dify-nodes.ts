import { BRANCH_PREFIX } from '../ids.js';
import { DEFAULT_CASE_LEVEL } from '../nodes/if-else.js';
import { getNodeDefinition } from '../nodes/registry.js';
import type { ValueType } from '../value-types.js';
import type { DifyContext, InputItem, NodePlan, OutputPlan } from './dify-support.js';
import { arrayOf, elementOf, emptyValue, InputList, list, newId, numberOr, rec, selectorOf, text, valueTypeOf } from './dify-support.js';
import { jinjaToLiquid } from './jinja.js';
import { isRecord } from './read.js';

/**
 * One mapper per Dify node type: `plan` decides our type, id, outputs and branch handles from the node alone;
 * `build` writes our node once every plan exists (so references to any node resolve).
 */

export interface OutputItem {
  id: string;
  name: string;
  schema: Record<string, unknown>;
  required: boolean;
}

export interface OutNode {
  id: string;
  position?: { x: number; y: number };
  parentId?: string;
  data: {
    nodeMeta: { nodeType: string; aliasName: string };
    inputs: InputItem[];
    outputs: OutputItem[];
    nodeParam: Record<string, unknown>;
    retryConfig?: Record<string, unknown>;
  };
}

/** Dify `data.type` → our node type. `variable-assigner` is the aggregator's name before Dify 0.6.10. */
export const OUR_TYPES: Record<string, string> = {
  start: 'node-start',
  end: 'node-end',
  answer: 'node-end',
  llm: 'spark-llm',
  'if-else': 'if-else',
  code: 'ifly-code',
  'template-transform': 'template-transform',
  'http-request': 'http-request',
  'question-classifier': 'decision-making',
  'parameter-extractor': 'extractor-parameter',
  iteration: 'iteration',
  'iteration-start': 'iteration-node-start',
  'variable-aggregator': 'variable-aggregator',
  'variable-assigner': 'variable-aggregator',
  'knowledge-retrieval': 'knowledge-base',
};

/** Dify's comparison operators (backend and canvas spellings) → ours. */
const OPERATORS: Record<string, string> = {
  contains: 'contains',
  'not contains': 'not_contains',
  'start with': 'start_with',
  'end with': 'end_with',
  is: 'is',
  'is not': 'is_not',
  empty: 'empty',
  'not empty': 'not_empty',
  '=': 'eq',
  '≠': 'ne',
  '!=': 'ne',
  '>': 'gt',
  '<': 'lt',
  '≥': 'ge',
  '>=': 'ge',
  '≤': 'le',
  '<=': 'le',
  null: 'null',
  'is null': 'null',
  'not null': 'not_null',
  'is not null': 'not_null',
  exists: 'not_null',
  'not exists': 'null',
};
const UNARY = new Set(['empty', 'not_empty', 'null', 'not_null']);
const NUMERIC = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

const out = (name: string, type: ValueType, extra: Partial<OutputPlan> = {}): OutputPlan => ({ name, type, ...extra });

function positionOf(raw: Record<string, unknown>): { x: number; y: number } | undefined {
  const position = rec(raw.position);
  return typeof position.x === 'number' && typeof position.y === 'number' ? { x: position.x, y: position.y } : undefined;
}

/** Code outputs: `{name: {type, children}}`, children describing an object's properties the same way. */
function codeOutputs(outputs: unknown): Map<string, OutputPlan> {
  const result = new Map<string, OutputPlan>();
  for (const [name, spec] of Object.entries(rec(outputs))) {
    const type = valueTypeOf(rec(spec).type) ?? 'string';
    const children = codeOutputs(rec(spec).children);
    const properties = children.size > 0 ? Object.fromEntries(children) : undefined;
    result.set(name, out(name, type, properties ? { properties } : {}));
  }
  return result;
}

/** The plan of one Dify node; `supported` false for a type we have no equivalent for. */
export function planNode(context: DifyContext, raw: Record<string, unknown>, edges: readonly Record<string, unknown>[]): NodePlan {
  const data = rec(raw.data);
  const difyType = text(data.type);
  const difyId = text(raw.id);
  const parent = text(raw.parentId) || (data.isInIteration === true ? text(data.iteration_id) : '') || (data.isInLoop === true ? text(data.loop_id) : '');
  let ourType = OUR_TYPES[difyType] ?? '';
  if (difyType === 'variable-assigner' && !Array.isArray(data.variables)) ourType = '';
  const plan: NodePlan = {
    difyId,
    difyType,
    title: text(data.title) || difyType || difyId,
    data,
    supported: ourType !== '',
    ourId: '',
    ourType,
    outputs: new Map(),
    optional: new Map(),
    used: new Set(),
    handles: new Map([
      ['source', ''],
      ['success-branch', ''],
    ]),
    errorStrategy: 0,
    droppedEdges: 0,
  };
  const position = positionOf(raw);
  if (position) plan.position = position;
  if (parent) plan.parent = parent;
  if (!plan.supported) return plan;
  if (difyType === 'answer') {
    const leaves = !edges.some((edge) => text(edge.source) === difyId);
    plan.answerKind = leaves && !parent ? 'end' : 'message';
    plan.ourType = plan.answerKind === 'end' ? 'node-end' : 'message';
  }
  plan.ourId = `${plan.ourType}::${newId()}`;
  planOutputs(context, plan);
  planErrorStrategy(context, plan);
  return plan;
}

function planOutputs(context: DifyContext, plan: NodePlan): void {
  const data = plan.data;
  switch (plan.difyType) {
    case 'start':
      for (const variable of list(data.variables).map(rec)) {
        const name = text(variable.variable);
        if (!name) continue;
        const type = valueTypeOf(variable.type) ?? 'string';
        const label = text(variable.label);
        const extra: Partial<OutputPlan> = { required: variable.required === true };
        if (label && label !== name) extra.description = label;
        if (variable.default !== undefined && variable.default !== null && variable.default !== '') extra.default = variable.default;
        plan.outputs.set(name, out(name, type, extra));
        if (variable.type === 'file' || variable.type === 'file-list') {
          context.warn('setting-not-supported', `${context.label(plan)}: input ${name} is a file; workflows here take files as objects the caller passes`, plan);
        }
      }
      break;
    case 'llm': {
      plan.outputs.set('text', out('output', 'string'));
      plan.optional.set('reasoning_content', out('reasoning_content', 'string'));
      const schema = rec(rec(data.structured_output).schema);
      if ((data.structured_output_enabled === true || data.structured_output_switch_on === true) && isRecord(schema.properties)) {
        plan.structured = new Map();
        for (const [name, property] of Object.entries(schema.properties)) {
          if (name === 'output' || name === 'reasoning_content') continue;
          plan.structured.set(name, out(name, valueTypeOf(rec(property).type) ?? 'string', { description: text(rec(property).description) }));
        }
      }
      break;
    }
    case 'question-classifier':
      plan.outputs.set('class_name', out('class_name', 'string'));
      list(data.classes).forEach((item) => plan.handles.set(text(rec(item).id), `${BRANCH_PREFIX.intent}${newId()}`));
      plan.alsoFrom = { difyHandle: text(rec(list(data.classes)[0]).id), handle: `${BRANCH_PREFIX.intent}${newId()}` };
      break;
    case 'parameter-extractor':
      for (const parameter of list(data.parameters).map(rec)) {
        const name = text(parameter.name);
        if (!name) continue;
        const options = list(parameter.options).map((option) => text(option)).filter(Boolean);
        const description = [text(parameter.description), options.length > 0 ? `One of: ${options.join(', ')}` : ''].filter(Boolean).join('. ');
        plan.outputs.set(name, out(name, valueTypeOf(parameter.type) ?? 'string', { description, required: parameter.required === true }));
      }
      break;
    case 'code':
      for (const [name, output] of codeOutputs(data.outputs)) plan.outputs.set(name, output);
      break;
    case 'template-transform':
      plan.outputs.set('output', out('output', 'string'));
      break;
    case 'http-request':
      plan.outputs.set('status_code', out('status_code', 'integer'));
      plan.outputs.set('body', out('body', 'string'));
      plan.outputs.set('headers', out('headers', 'object'));
      break;
    case 'knowledge-retrieval':
      plan.outputs.set('result', out('results', 'array-object'));
      break;
    case 'if-else': {
      const cases = Array.isArray(data.cases) ? list(data.cases).map(rec) : [{ case_id: 'true' }];
      for (const item of cases) plan.handles.set(text(item.case_id, text(item.id)), `${BRANCH_PREFIX.case}${newId()}`);
      plan.handles.set('false', `${BRANCH_PREFIX.case}${newId()}`);
      break;
    }
    case 'iteration': {
      const startId = `iteration-node-start::${newId()}`;
      plan.iteration = { startId, endId: `iteration-node-end::${newId()}`, itemType: 'string', outputType: 'array' };
      plan.outputs.set('output', out('output', 'array'));
      break;
    }
    case 'variable-aggregator':
    case 'variable-assigner': {
      const settings = rec(data.advanced_settings);
      const groups = list(settings.groups).map(rec);
      if (settings.group_enabled === true && groups.length > 0) {
        plan.groups = new Map();
        for (const group of groups) {
          const name = text(group.group_name);
          plan.groups.set(name, `variable-aggregator::${newId()}`);
          plan.outputs.set(name, out('output', valueTypeOf(group.output_type) ?? 'string'));
        }
        plan.ourId = plan.groups.values().next().value ?? plan.ourId;
      } else {
        plan.outputs.set('output', out('output', valueTypeOf(data.output_type) ?? 'string'));
      }
      break;
    }
    default:
      break;
  }
}

/** Dify's per-node error handling: error_strategy fail-branch / default-value. */
function planErrorStrategy(context: DifyContext, plan: NodePlan): void {
  const strategy = text(plan.data.error_strategy);
  if (strategy === 'default-value') plan.errorStrategy = 1;
  if (strategy !== 'fail-branch') return;
  if (getNodeDefinition(plan.ourType)?.errorBranch) {
    plan.errorStrategy = 2;
    plan.handles.set('fail-branch', `${BRANCH_PREFIX.error}${newId()}`);
    return;
  }
  context.warn('setting-not-supported', `${context.label(plan)}: ${plan.ourType} nodes have no error branch here; a failure stops the run`, plan);
}

/** Types of iterations: their item (from what they iterate over) and their output (from output_selector). */
export function planIterationTypes(context: DifyContext): void {
  for (const plan of context.plans.values()) {
    if (!plan.iteration || !plan.supported) continue;
    const iterator = selectorOf(plan.data.iterator_selector);
    const over = iterator ? context.resolve(iterator, plan) : undefined;
    const declared = valueTypeOf(plan.data.iterator_input_type);
    const iterated = over && over.kind !== 'missing' && over.type.startsWith('array') ? over.type : declared;
    plan.iteration.itemType = iterated ? elementOf(iterated) : 'string';
    const selector = selectorOf(plan.data.output_selector);
    const produced = selector ? context.resolve(selector, plan) : undefined;
    const outputType = valueTypeOf(plan.data.output_type) ?? (produced && produced.kind !== 'missing' ? arrayOf(produced.type) : 'array');
    plan.iteration.outputType = outputType;
    plan.outputs.set('output', out('output', outputType));
    if (plan.data.flatten_output !== false && produced?.type.startsWith('array')) {
      context.warn('setting-not-supported', `${context.label(plan)}: Dify flattens a list of lists into one list; this iteration returns the list of lists`, plan);
    }
  }
}

function schemaOf(plan: OutputPlan): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: plan.type };
  if (plan.description) schema.description = plan.description;
  if (plan.default !== undefined) schema.default = plan.default;
  if (plan.properties) schema.properties = Object.fromEntries(Object.entries(plan.properties).map(([key, value]) => [key, schemaOf(value)]));
  return schema;
}

export const outputItem = (plan: OutputPlan): OutputItem => ({ id: newId(), name: plan.name, schema: schemaOf(plan), required: plan.required ?? false });

function node(context: DifyContext, plan: NodePlan, type: string, parts: { inputs?: InputItem[]; outputs?: OutputPlan[]; nodeParam: Record<string, unknown>; id?: string; title?: string }): OutNode {
  const built: OutNode = {
    id: parts.id ?? plan.ourId,
    data: {
      nodeMeta: { nodeType: getNodeDefinition(type)?.originalLabel ?? '基础节点', aliasName: parts.title ?? plan.title },
      inputs: parts.inputs ?? [],
      outputs: (parts.outputs ?? []).map(outputItem),
      nodeParam: parts.nodeParam,
    },
  };
  if (plan.position) built.position = { ...plan.position };
  const parent = plan.parent ? context.plans.get(plan.parent) : undefined;
  if (parent?.supported) built.parentId = parent.ourId;
  return built;
}

/** Maps the Dify model through the caller; an unmapped model leaves `model` empty, with a warning. */
function mapModel(context: DifyContext, plan: NodePlan, param: Record<string, unknown>): void {
  const model = rec(plan.data.model);
  const name = text(model.name);
  const provider = text(model.provider);
  const mapped = context.mapModel({
    nodeId: plan.ourId,
    nodeType: plan.ourType,
    aliasName: plan.title,
    ...(name ? { domain: name } : {}),
    ...(provider ? { provider } : {}),
    nodeParam: structuredClone(plan.data),
  });
  param.model = mapped?.model ?? '';
  if (!mapped) {
    const was = [provider, name].filter(Boolean).join(' / ') || 'none';
    context.warn('model-not-mapped', `${context.label(plan)}: no model of this space matches Dify's model (${was}); choose one before running`, plan);
  }
  const settings = rec(model.completion_params);
  if (typeof settings.temperature === 'number') param.temperature = Math.min(1, Math.max(0.01, settings.temperature));
  if (typeof settings.max_tokens === 'number' && settings.max_tokens >= 1) param.maxTokens = Math.round(settings.max_tokens);
  const format = text(settings.response_format);
  if (format.startsWith('json')) param.respFormat = 2;
  const memory = plan.data.memory;
  if (isRecord(memory)) {
    const window = rec(memory.window);
    // Dify without a window sends as much history as fits; 50 rounds stands for that.
    const rounds = window.enabled === true ? Math.max(1, Math.round(numberOr(window.size, 10))) : 50;
    param.enableChatHistoryV2 = { isEnabled: true, rounds };
  }
}

function buildLlm(context: DifyContext, plan: NodePlan): OutNode {
  const data = plan.data;
  const inputs = new InputList(context, plan);
  const contextConfig = rec(data.context);
  const specials = { context: contextConfig.enabled === true ? selectorOf(contextConfig.variable_selector) : null };
  const jinjaVariables = new Map(list(rec(data.prompt_config).jinja2_variables).map((item) => [text(rec(item).variable), selectorOf(rec(item).value_selector)]));
  const promptOf = (item: Record<string, unknown>): string => {
    if (item.edition_type !== 'jinja2') return inputs.template(text(item.text), specials);
    const source = text(item.jinja2_text, text(item.text));
    if (/\{%|\{#|\|/.test(source.replace(/\{\{\s*[A-Za-z_]\w*\s*\}\}/g, ''))) {
      context.warn('template-not-converted', `${context.label(plan)}: its Jinja2 prompt uses statements or filters, which prompts here do not run; only {{name}} placeholders work`, plan);
    }
    return source.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (placeholder, name: string) =>
      jinjaVariables.has(name) ? `{{${inputs.read(name, jinjaVariables.get(name) ?? null)}}}` : placeholder,
    );
  };
  const system: string[] = [];
  const user: string[] = [];
  const prompt = data.prompt_template;
  if (Array.isArray(prompt)) {
    for (const item of list(prompt).map(rec)) {
      const role = text(item.role, 'user');
      if (role === 'assistant') {
        context.warn('setting-not-supported', `${context.label(plan)}: assistant messages of the prompt (few-shot examples) are not kept; prompts here have a system and a user part`, plan);
        continue;
      }
      const converted = promptOf(item);
      if (converted.trim() !== '') (role === 'system' ? system : user).push(converted);
    }
  } else if (isRecord(prompt)) {
    user.push(promptOf(prompt));
  }
  const memory = data.memory;
  if (isRecord(memory) && context.chat) user.push(inputs.template(text(memory.query_prompt_template) || '{{#sys.query#}}', specials));
  if (rec(data.vision).enabled === true) {
    context.warn('setting-not-supported', `${context.label(plan)}: vision (images sent to the model) is not imported`, plan);
  }
  const nodeParam: Record<string, unknown> = { systemTemplate: system.join('\n\n'), template: user.join('\n\n') };
  mapModel(context, plan, nodeParam);
  const structured = [...(plan.structured?.values() ?? [])];
  if (structured.length > 0) nodeParam.respFormat = 2;
  return node(context, plan, 'spark-llm', { inputs: inputs.items, outputs: [...plan.outputs.values(), ...structured], nodeParam });
}

function buildClassifier(context: DifyContext, plan: NodePlan): OutNode {
  const inputs = new InputList(context, plan);
  inputs.read('Query', selectorOf(plan.data.query_variable_selector));
  const promptPrefix = inputs.template(text(plan.data.instruction) || text(plan.data.instructions));
  const names = new Set<string>();
  const intentChains: Array<Record<string, unknown>> = list(plan.data.classes).map((item, index) => {
    const entry = rec(item);
    const name = text(entry.name).trim() || `Class ${index + 1}`;
    names.add(name.toLowerCase());
    return { id: plan.handles.get(text(entry.id)), name, description: text(entry.description).trim() || name, intentType: 2 };
  });
  // Dify takes the first class when the model's answer names none; our default intent leads where the first class does.
  let fallback = 'default';
  for (let suffix = 2; names.has(fallback); suffix += 1) fallback = `default_${suffix}`;
  intentChains.push({ id: plan.alsoFrom!.handle, name: fallback, description: 'Any other input', intentType: 1 });
  const nodeParam: Record<string, unknown> = { promptPrefix, intentChains };
  mapModel(context, plan, nodeParam);
  return node(context, plan, 'decision-making', { inputs: inputs.items, outputs: [...plan.outputs.values()], nodeParam });
}

function buildExtractor(context: DifyContext, plan: NodePlan): OutNode {
  const inputs = new InputList(context, plan);
  inputs.read('Query', selectorOf(plan.data.query));
  const nodeParam: Record<string, unknown> = {
    instruction: inputs.template(text(plan.data.instruction)),
    reasonMode: plan.data.reasoning_mode === 'prompt' ? 1 : 0,
  };
  mapModel(context, plan, nodeParam);
  return node(context, plan, 'extractor-parameter', { inputs: inputs.items, outputs: [...plan.outputs.values()], nodeParam });
}

function buildIfElse(context: DifyContext, plan: NodePlan): OutNode {
  const data = plan.data;
  const inputs = new InputList(context, plan);
  const idOf = (name: string) => inputs.items.find((item) => item.name === name)!.id;
  const condition = (raw: Record<string, unknown>): Record<string, unknown> => {
    const selector = selectorOf(raw.variable_selector);
    const left = inputs.read(selector?.at(-1) ?? 'input', selector);
    const difyOperator = text(raw.comparison_operator);
    const operator = OPERATORS[difyOperator];
    if (!operator || isRecord(raw.sub_variable_condition)) {
      context.warn('setting-not-supported', `${context.label(plan)}: the condition "${difyOperator}" on ${selector?.join('.') ?? 'a variable'} has no equivalent here; it is kept as written and must be rewritten`, plan);
    }
    const result: Record<string, unknown> = { leftVarIndex: idOf(left), compareOperator: operator ?? difyOperator };
    if (operator && UNARY.has(operator)) return result;
    const valueSelector = raw.value_type === 'value_selector' ? selectorOf(raw.value_selector) : null;
    const value = raw.value;
    const whole = typeof value === 'string' ? /^\s*\{\{#([^#{}]+)#\}\}\s*$/.exec(value) : null;
    let right: string;
    if (valueSelector || whole) {
      const read = valueSelector ?? whole![1]!.split('.');
      right = inputs.read(read.at(-1)!, read);
    } else {
      if (typeof value === 'string' && value.includes('{{#')) {
        context.warn('setting-not-supported', `${context.label(plan)}: a condition compares with text that mixes variables and words ("${value}"); it compares with the text as written`, plan);
      }
      const numeric = operator !== undefined && NUMERIC.has(operator) && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
      const literal = numeric ? Number(value) : value ?? '';
      const type: ValueType = typeof literal === 'number' ? 'number' : typeof literal === 'boolean' ? 'boolean' : Array.isArray(literal) ? 'array-string' : 'string';
      right = inputs.literal(`${left}_value`, literal, type);
    }
    result.rightVarIndex = idOf(right);
    return result;
  };
  const cases = Array.isArray(data.cases)
    ? list(data.cases).map(rec)
    : [{ case_id: 'true', logical_operator: data.logical_operator, conditions: data.conditions }];
  const converted = cases.map((item, index) => ({
    id: plan.handles.get(text(item.case_id, text(item.id))),
    level: index + 1,
    logicalOperator: item.logical_operator === 'or' ? 'or' : 'and',
    conditions: list(item.conditions).map(rec).map(condition),
  }));
  converted.push({ id: plan.handles.get('false'), level: DEFAULT_CASE_LEVEL, logicalOperator: 'and', conditions: [] });
  return node(context, plan, 'if-else', { inputs: inputs.items, nodeParam: { cases: converted } });
}

function buildCode(context: DifyContext, plan: NodePlan): OutNode {
  const inputs = new InputList(context, plan);
  for (const variable of list(plan.data.variables).map(rec)) inputs.bind(text(variable.variable, 'arg'), selectorOf(variable.value_selector));
  const language = text(plan.data.code_language);
  if (language !== 'python3' && language !== 'javascript') {
    context.warn('setting-not-supported', `${context.label(plan)}: code in ${language || 'an unnamed language'} does not run here; only Python and JavaScript do`, plan);
  }
  if (list(plan.data.dependencies).length > 0) {
    context.warn('setting-not-supported', `${context.label(plan)}: the code's package dependencies are not installed here`, plan);
  }
  const nodeParam = { codeLanguage: language === 'javascript' ? 'javascript' : 'python', code: text(plan.data.code) };
  return node(context, plan, 'ifly-code', { inputs: inputs.items, outputs: [...plan.outputs.values()], nodeParam });
}

function buildTemplate(context: DifyContext, plan: NodePlan): OutNode {
  const inputs = new InputList(context, plan);
  for (const variable of list(plan.data.variables).map(rec)) inputs.bind(text(variable.variable, 'arg'), selectorOf(variable.value_selector));
  const converted = jinjaToLiquid(text(plan.data.template));
  if (converted.unsupported.length > 0) {
    context.warn('template-not-converted', `${context.label(plan)}: its Jinja2 template has parts Liquid cannot run, kept as written: ${converted.unsupported.join('; ')}`, plan);
  }
  return node(context, plan, 'template-transform', { inputs: inputs.items, outputs: [...plan.outputs.values()], nodeParam: { template: converted.template } });
}

/** `key:value` lines (Dify's headers and params) or a list of `{key, value}`. */
function pairsOf(value: unknown): Array<{ key: string; value: string }> {
  if (Array.isArray(value)) return list(value).map(rec).map((pair) => ({ key: text(pair.key).trim(), value: text(pair.value) })).filter((pair) => pair.key);
  return text(value)
    .split(/\r?\n/)
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0 ? { key: line.trim(), value: '' } : { key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    })
    .filter((pair) => pair.key);
}

function buildHttp(context: DifyContext, plan: NodePlan): OutNode {
  const data = plan.data;
  const inputs = new InputList(context, plan);
  const convert = (value: string) => inputs.template(value);
  const headers = pairsOf(data.headers).map((pair) => ({ key: convert(pair.key), value: convert(pair.value) }));
  const params = pairsOf(data.params).map((pair) => ({ key: convert(pair.key), value: convert(pair.value) }));
  const authorization = rec(data.authorization);
  if (authorization.type === 'api-key') {
    const config = rec(authorization.config);
    const key = text(config.api_key);
    if (key !== '' && key.replace(/\{\{#[^#{}]+#\}\}/g, '').trim() === '') {
      const value = convert(key);
      const kind = text(config.type);
      headers.push(kind === 'custom' ? { key: text(config.header) || 'Authorization', value } : { key: 'Authorization', value: `${kind === 'basic' ? 'Basic' : 'Bearer'} ${value}` });
    } else {
      context.warn('credentials-removed', `${context.label(plan)}: its API key was not imported; add the Authorization header again before running`, plan);
    }
  }
  const body = rec(data.body);
  const bodyType = text(body.type, 'none');
  const items = Array.isArray(body.data) ? list(body.data).map(rec) : [];
  const bodyText = typeof body.data === 'string' ? body.data : text(items.find((item) => item.type !== 'file')?.value);
  let converted: { type: string; content: string } = { type: 'none', content: '' };
  if (bodyType === 'json' || bodyType === 'raw-text') {
    converted = { type: bodyType === 'json' ? 'json' : 'raw', content: convert(bodyText) };
  } else if (bodyType === 'x-www-form-urlencoded' || bodyType === 'form-data') {
    const fields = Array.isArray(body.data) ? items.filter((item) => item.type !== 'file').map((item) => ({ key: text(item.key), value: text(item.value) })) : pairsOf(body.data);
    if (bodyType === 'form-data') {
      context.warn('setting-not-supported', `${context.label(plan)}: its multipart form is sent URL-encoded${items.some((item) => item.type === 'file') ? ', without its files' : ''}`, plan);
    }
    converted = { type: 'form-urlencoded', content: fields.filter((field) => field.key).map((field) => `${encodeURIComponent(field.key)}=${convert(field.value)}`).join('&') };
  } else if (bodyType !== 'none') {
    context.warn('setting-not-supported', `${context.label(plan)}: a ${bodyType} body is not supported here; the request is sent without a body`, plan);
  }
  if (data.ssl_verify === false) {
    context.warn('setting-not-supported', `${context.label(plan)}: TLS certificates are always verified here`, plan);
  }
  const nodeParam = { method: text(data.method, 'get').toUpperCase(), url: convert(text(data.url)), headers, params, body: converted, followRedirects: true };
  return node(context, plan, 'http-request', { inputs: inputs.items, outputs: [...plan.outputs.values()], nodeParam });
}

function buildAggregators(context: DifyContext, plan: NodePlan): OutNode[] {
  const settings = rec(plan.data.advanced_settings);
  const groups = plan.groups
    ? list(settings.groups).map(rec).map((group) => ({ name: text(group.group_name), variables: list(group.variables), id: plan.groups!.get(text(group.group_name))! }))
    : [{ name: '', variables: list(plan.data.variables), id: plan.ourId }];
  return groups.map((group) => {
    const inputs = new InputList(context, plan);
    for (const variable of group.variables) {
      const selector = selectorOf(variable);
      inputs.read(selector?.at(-1) ?? 'value', selector);
    }
    const output = plan.outputs.get(group.name || 'output')!;
    const built = node(context, plan, 'variable-aggregator', {
      id: group.id,
      title: group.name ? `${plan.title} / ${group.name}` : plan.title,
      inputs: inputs.items,
      outputs: [output],
      nodeParam: { mode: 'first-non-null' },
    });
    return built;
  });
}

function buildKnowledge(context: DifyContext, plan: NodePlan): OutNode {
  const inputs = new InputList(context, plan);
  inputs.read('query', selectorOf(plan.data.query_variable_selector));
  const retrieval = rec(plan.data.multiple_retrieval_config);
  const datasets = list(plan.data.dataset_ids).map((id) => text(id)).filter(Boolean);
  context.warn(
    'knowledge-base-not-chosen',
    `${context.label(plan)}: knowledge bases belong to the space; choose them again (Dify's ${datasets.length > 0 ? datasets.join(', ') : 'none'})`,
    plan,
  );
  const nodeParam: Record<string, unknown> = { repoId: [], topN: String(Math.max(1, Math.round(numberOr(retrieval.top_k, 5)))), docIds: [] };
  if (typeof retrieval.score_threshold === 'number' && retrieval.score_threshold_enabled !== false) nodeParam.score = retrieval.score_threshold;
  return node(context, plan, 'knowledge-base', { inputs: inputs.items, outputs: [...plan.outputs.values()], nodeParam });
}

function buildIteration(context: DifyContext, plan: NodePlan): OutNode[] {
  const data = plan.data;
  const iteration = plan.iteration!;
  const inputs = new InputList(context, plan);
  inputs.read('item', selectorOf(data.iterator_selector));
  const policy = { 'continue-on-error': 'continue', 'remove-abnormal-output': 'skip' }[text(data.error_handle_mode)] ?? 'fail';
  const nodeParam = {
    IterationStartNodeId: iteration.startId,
    parallel: data.is_parallel === true,
    parallelLimit: Math.min(100, Math.max(1, Math.round(numberOr(data.parallel_nums, 10)))),
    itemErrorPolicy: policy,
  };
  const built = [node(context, plan, 'iteration', { inputs: inputs.items, outputs: [plan.outputs.get('output')!], nodeParam })];
  const children = [...context.plans.values()].filter((child) => child.parent === plan.difyId && child.position);
  const right = Math.max(0, ...children.map((child) => child.position!.x + 300));
  const inner = { ...plan, parent: plan.difyId, position: { x: right, y: children[0]?.position?.y ?? 68 } };
  const endInputs = new InputList(context, plan);
  endInputs.read('output', selectorOf(data.output_selector));
  built.push(node(context, inner, 'iteration-node-end', { id: iteration.endId, title: `${plan.title} end`, inputs: endInputs.items, nodeParam: { outputMode: 0, template: '' } }));
  if (!iteration.startPlan) {
    const start = { ...inner, position: { x: 24, y: 68 } };
    built.push(node(context, start, 'iteration-node-start', { id: iteration.startId, title: `${plan.title} start`, outputs: [out('item', iteration.itemType)], nodeParam: {} }));
  }
  return built;
}

/** Our node(s) for a supported plan. */
export function buildNodes(context: DifyContext, plan: NodePlan): OutNode[] {
  const data = plan.data;
  switch (plan.difyType) {
    case 'start':
      return [node(context, plan, 'node-start', { outputs: [...plan.outputs.values()], nodeParam: {} })];
    case 'end': {
      const inputs = new InputList(context, plan);
      for (const output of list(data.outputs).map(rec)) inputs.bind(text(output.variable, 'output'), selectorOf(output.value_selector));
      return [node(context, plan, 'node-end', { inputs: inputs.items, nodeParam: { outputMode: 0, template: '', reasoningTemplate: '', streamOutput: false } })];
    }
    case 'answer': {
      const inputs = new InputList(context, plan);
      const template = inputs.template(text(data.answer));
      const nodeParam = plan.answerKind === 'end' ? { outputMode: 1, template, reasoningTemplate: '', streamOutput: true } : { template, streamOutput: true };
      return [node(context, plan, plan.ourType, { inputs: inputs.items, nodeParam })];
    }
    case 'llm':
      return [buildLlm(context, plan)];
    case 'question-classifier':
      return [buildClassifier(context, plan)];
    case 'parameter-extractor':
      return [buildExtractor(context, plan)];
    case 'if-else':
      return [buildIfElse(context, plan)];
    case 'code':
      return [buildCode(context, plan)];
    case 'template-transform':
      return [buildTemplate(context, plan)];
    case 'http-request':
      return [buildHttp(context, plan)];
    case 'variable-aggregator':
    case 'variable-assigner':
      return buildAggregators(context, plan);
    case 'knowledge-retrieval':
      return [buildKnowledge(context, plan)];
    case 'iteration':
      return buildIteration(context, plan);
    case 'iteration-start': {
      const parent = plan.parent ? context.plans.get(plan.parent) : undefined;
      const title = text(data.title) || `${parent?.title ?? 'Iteration'} start`;
      return [node(context, plan, 'iteration-node-start', { title, outputs: [out('item', parent?.iteration?.itemType ?? 'string')], nodeParam: {} })];
    }
    default:
      return [];
  }
}

/** Retry settings, timeout and error strategy, with the values a node gives under error strategy 1. */
export function retryConfigOf(plan: NodePlan, built: OutNode): Record<string, unknown> | undefined {
  const data = plan.data;
  const retry = rec(data.retry_config);
  const retrying = (retry.retry_enabled ?? retry.enabled) === true;
  const timeout = rec(data.timeout);
  const seconds = numberOr(timeout.connect, 0) + numberOr(timeout.read, 0);
  if (!retrying && plan.errorStrategy === 0 && seconds <= 0) return undefined;
  const customOutput: Record<string, unknown> = {};
  if (plan.errorStrategy === 1) {
    const defaults = new Map(list(data.default_value).map(rec).map((entry) => [text(entry.key), entry.value]));
    const byName = new Map([...plan.outputs].map(([variable, output]) => [output.name, variable]));
    for (const output of built.data.outputs) {
      const type = output.schema.type as ValueType;
      const given = defaults.get(byName.get(output.name) ?? output.name);
      customOutput[output.name] = given === undefined ? emptyValue(type) : coerce(given, type);
    }
  }
  return {
    timeout: seconds > 0 ? seconds : 60,
    should_retry: retrying,
    max_retries: retrying ? Math.max(0, Math.round(numberOr(retry.max_retries, 1))) : 0,
    error_strategy: plan.errorStrategy,
    custom_output: customOutput,
  };
}

/** A default value as Dify writes it (often text) as a value of the output's type. */
function coerce(value: unknown, type: ValueType): unknown {
  if (typeof value !== 'string' || type === 'string') return value;
  if (type === 'number' || type === 'integer') return numberOr(value, 0);
  if (type === 'boolean') return value === 'true';
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return emptyValue(type);
  }
}
