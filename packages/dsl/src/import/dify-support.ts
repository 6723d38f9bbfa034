import type { ValueType } from '../value-types.js';
import { isRecord } from './read.js';
import type { ImportWarning, ImportWarningCode, ModelMapper } from './result.js';

/**
 * What the Dify importer shares between its steps: the plan of every Dify node (our id, type and the outputs that
 * Dify's variables become), the resolution of Dify's value selectors (`[nodeId, variable, ...path]`, `sys.*`,
 * `env.*`, `conversation.*`) into our references, and the inputs a node gets for what it reads.
 */

export const rec = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
export const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
export const numberOr = (value: unknown, fallback: number): number => {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
};
export const newId = (): string => globalThis.crypto.randomUUID();

/** A value selector: `[nodeId, variable, ...path]`; null when `value` is not one. */
export function selectorOf(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const parts = (value as unknown[]).map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : null));
  return parts.every((part): part is string => part !== null && part !== '') ? parts : null;
}

/** Dify's variable and output types (start variables, code outputs, parameters, value_type...) as ours. */
export function valueTypeOf(difyType: unknown): ValueType | null {
  const name = text(difyType).trim().toLowerCase();
  switch (name) {
    case 'string':
    case 'text-input':
    case 'paragraph':
    case 'select':
    case 'secret':
    case 'url':
      return 'string';
    case 'number':
    case 'float':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
    case 'bool':
    case 'checkbox':
      return 'boolean';
    case 'object':
    case 'json_object':
    case 'file':
      return 'object';
    case 'array[string]':
      return 'array-string';
    case 'array[number]':
      return 'array-number';
    case 'array[integer]':
      return 'array-integer';
    case 'array[boolean]':
      return 'array-boolean';
    case 'array[object]':
    case 'array[file]':
    case 'file-list':
    case 'files':
      return 'array-object';
    default:
      return name.startsWith('array') ? 'array' : null;
  }
}

export const elementOf = (type: ValueType): ValueType =>
  type.startsWith('array-') ? (type.slice('array-'.length) as ValueType) : type === 'array' ? 'object' : 'string';

export const arrayOf = (type: ValueType): ValueType => (type.startsWith('array') ? 'array' : (`array-${type}` as ValueType));

/** The value a node gives for an output of this type when it fails under error strategy 1 and Dify named none. */
export function emptyValue(type: ValueType): unknown {
  if (type === 'string') return '';
  if (type === 'number' || type === 'integer') return 0;
  if (type === 'boolean') return false;
  if (type === 'object') return {};
  return [];
}

export interface OutputPlan {
  name: string;
  type: ValueType;
  /** Object properties (a map, as the engine form writes them), for references into the object. */
  properties?: Record<string, OutputPlan>;
  description?: string;
  required?: boolean;
  default?: unknown;
}

export interface NodePlan {
  difyId: string;
  /** Dify's `data.type`. */
  difyType: string;
  title: string;
  data: Record<string, unknown>;
  position?: { x: number; y: number };
  /** Dify id of the iteration (or loop) this node is in. */
  parent?: string;
  supported: boolean;
  ourId: string;
  ourType: string;
  /** Dify variable → our output, declared on the node. */
  outputs: Map<string, OutputPlan>;
  /** Dify variable → our output, declared only when something reads it (llm reasoning_content). */
  optional: Map<string, OutputPlan>;
  used: Set<string>;
  /** LLM with structured output: property → our output of the same name (Dify reads structured_output.<property>). */
  structured?: Map<string, OutputPlan>;
  /** Dify source handle → ours ('' for a plain edge). A handle not listed is dropped with a warning. */
  handles: Map<string, string>;
  /** Dify handle whose edges are also laid from our extra handle (the decision's default intent). */
  alsoFrom?: { difyHandle: string; handle: string };
  /** Variable aggregator with groups: group name → our node id, one node per group. */
  groups?: Map<string, string>;
  iteration?: { startId: string; endId: string; itemType: ValueType; outputType: ValueType; startPlan?: NodePlan };
  /** 0 fail, 1 default values, 2 error branch; as retryConfig.error_strategy. */
  errorStrategy: 0 | 1 | 2;
  /** Dify answer: the end of the run, or a message in its middle (it has outgoing edges, or is in a body). */
  answerKind?: 'end' | 'message';
  droppedEdges: number;
}

export type Resolved =
  | { kind: 'ref'; nodeId: string; name: string; type: ValueType }
  | { kind: 'literal'; value: unknown; type: ValueType }
  | { kind: 'missing'; type: ValueType };

export interface InputItem {
  id: string;
  name: string;
  schema: { type: ValueType; value: { type: 'ref'; content: { nodeId: string; name: string } } | { type: 'literal'; content: unknown } };
}

/** The type at `path` inside an output; 'string' when the output does not describe it. */
function typeAt(output: OutputPlan, path: readonly string[]): ValueType {
  let current: OutputPlan | undefined = output;
  let overElements = false;
  for (const key of path) {
    if (!current) return 'string';
    if (current.type === 'array-object') overElements = true;
    current = current.properties?.[key];
  }
  if (!current) return 'string';
  return overElements ? arrayOf(current.type) : current.type;
}

const SYSTEM_VALUES: Record<string, { value: unknown; type: ValueType }> = {
  files: { value: [], type: 'array-object' },
  dialogue_count: { value: 0, type: 'number' },
};

export class DifyContext {
  readonly warnings: ImportWarning[] = [];
  readonly plans = new Map<string, NodePlan>();
  readonly env = new Map<string, { value: unknown; type: ValueType; secret: boolean }>();
  readonly conversation = new Map<string, { value: unknown; type: ValueType }>();
  /** The start node reads the user's message (AGENT_USER_INPUT): a chatflow, or something reads sys.query. */
  needsUserInput: boolean;
  private readonly said = new Set<string>();

  constructor(
    readonly chat: boolean,
    readonly mapModel: ModelMapper,
  ) {
    this.needsUserInput = chat;
  }

  warn(code: ImportWarningCode, message: string, plan?: NodePlan): void {
    const key = `${code}\u0000${message}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    const warning: ImportWarning = { code, message };
    if (plan?.supported) warning.nodeId = plan.ourId;
    if (plan) warning.sourceNodeId = plan.difyId;
    this.warnings.push(warning);
  }

  /** `Node <our id> ("<title>")`, as warnings start. */
  label(plan: NodePlan): string {
    return plan.supported ? `Node ${plan.ourId} ("${plan.title}")` : `Dify node ${plan.difyId} ("${plan.title}")`;
  }

  get start(): NodePlan | undefined {
    return [...this.plans.values()].find((plan) => plan.difyType === 'start' && plan.supported);
  }

  /** Our reference for a Dify value selector read by `reader`, or the literal that stands in for it. */
  resolve(selector: readonly string[], reader: NodePlan): Resolved {
    const [head = '', variable = '', ...path] = selector;
    const shown = selector.join('.');
    if (head === 'sys') return this.system(variable, shown, reader);
    if (head === 'env') return this.environment(variable, reader);
    if (head === 'conversation') {
      const found = this.conversation.get(variable);
      this.warn('value-inlined', `${this.label(reader)}: conversation variable ${variable} has no equivalent here; its initial value was written into the node instead`, reader);
      return found ? { kind: 'literal', value: found.value, type: found.type } : { kind: 'missing', type: 'string' };
    }
    const source = this.plans.get(head);
    if (!source) {
      this.warn('reference-not-mapped', `${this.label(reader)}: it reads ${shown}, and the file has no node ${head}; connect the input again`, reader);
      return { kind: 'missing', type: 'string' };
    }
    if (!source.supported) {
      this.warn('reference-not-mapped', `${this.label(reader)}: it reads ${shown} of "${source.title}" (${source.difyType}), which was left out; connect the input again`, reader);
      return { kind: 'missing', type: 'string' };
    }
    if (source.iteration && variable === 'item') {
      const type = path.length === 0 ? source.iteration.itemType : 'string';
      return { kind: 'ref', nodeId: source.iteration.startId, name: ['item', ...path].join('.'), type };
    }
    if (source.iteration && variable === 'index') {
      this.warn('reference-not-mapped', `${this.label(reader)}: it reads the index of iteration "${source.title}", which iterations here do not expose; it reads 0 instead`, reader);
      return { kind: 'literal', value: 0, type: 'number' };
    }
    if (source.groups) {
      const groupId = source.groups.get(variable);
      if (groupId && path[0] === 'output') {
        return { kind: 'ref', nodeId: groupId, name: ['output', ...path.slice(1)].join('.'), type: source.outputs.get(variable)?.type ?? 'string' };
      }
    }
    if (source.difyType === 'llm' && variable === 'structured_output' && path.length > 0) {
      const property = source.structured?.get(path[0]!);
      if (property) return { kind: 'ref', nodeId: source.ourId, name: path.join('.'), type: typeAt(property, path.slice(1)) };
    }
    if (source.errorStrategy !== 0 && (variable === 'error_message' || variable === 'error_type')) {
      return { kind: 'ref', nodeId: source.ourId, name: variable === 'error_message' ? 'errorMessage' : 'errorCode', type: 'string' };
    }
    let output = source.outputs.get(variable);
    if (!output && source.optional.has(variable)) {
      output = source.optional.get(variable)!;
      source.used.add(variable);
    }
    if (!output) {
      this.warn('reference-not-mapped', `${this.label(reader)}: it reads ${variable} of "${source.title}" (${source.difyType}), which has no equivalent output here`, reader);
      return { kind: 'ref', nodeId: source.ourId, name: [variable, ...path].join('.'), type: 'string' };
    }
    return { kind: 'ref', nodeId: source.ourId, name: [output.name, ...path].join('.'), type: typeAt(output, path) };
  }

  private system(variable: string, shown: string, reader: NodePlan): Resolved {
    const start = this.start;
    if (variable === 'query' && start) {
      this.needsUserInput = true;
      return { kind: 'ref', nodeId: start.ourId, name: 'AGENT_USER_INPUT', type: 'string' };
    }
    const stand = SYSTEM_VALUES[variable] ?? { value: '', type: 'string' as ValueType };
    this.warn('reference-not-mapped', `${this.label(reader)}: system variable ${shown} does not exist here; the node reads ${JSON.stringify(stand.value)} instead`, reader);
    return { kind: 'literal', value: stand.value, type: stand.type };
  }

  private environment(name: string, reader: NodePlan): Resolved {
    const found = this.env.get(name);
    if (!found) {
      this.warn('reference-not-mapped', `${this.label(reader)}: environment variable ${name} is not in the file`, reader);
      return { kind: 'missing', type: 'string' };
    }
    if (found.secret) {
      this.warn('credentials-removed', `${this.label(reader)}: secret environment variable ${name} is not imported; set the value again before running`, reader);
      return { kind: 'literal', value: '', type: 'string' };
    }
    this.warn('value-inlined', `${this.label(reader)}: environment variable ${name} was written into the node as its value`, reader);
    return { kind: 'literal', value: found.value, type: found.type };
  }
}

const PLACEHOLDER = /\{\{#([^#{}]+?)#\}\}/g;

/** Dify's variable names are identifiers; ours are used as {{name}} placeholders and Liquid variables. */
const safeName = (name: string): string => name.replace(/[^\p{L}\p{N}_]/gu, '_').replace(/^(?=\d)/, '_') || 'value';

/** The inputs of one node: one per distinct thing it reads, each with a unique name. */
export class InputList {
  readonly items: InputItem[] = [];
  private readonly bySelector = new Map<string, string>();

  constructor(
    private readonly context: DifyContext,
    private readonly reader: NodePlan,
  ) {}

  private unique(preferred: string): string {
    const base = safeName(preferred);
    const taken = new Set(this.items.map((item) => item.name));
    if (!taken.has(base)) return base;
    for (let suffix = 2; ; suffix += 1) if (!taken.has(`${base}_${suffix}`)) return `${base}_${suffix}`;
  }

  /** An input named `name` (made unique) reading `resolved`. */
  add(name: string, resolved: Resolved): string {
    const unique = this.unique(name);
    const value =
      resolved.kind === 'ref'
        ? { type: 'ref' as const, content: { nodeId: resolved.nodeId, name: resolved.name } }
        : resolved.kind === 'literal'
          ? { type: 'literal' as const, content: resolved.value }
          : { type: 'ref' as const, content: { nodeId: '', name: '' } };
    this.items.push({ id: newId(), name: unique, schema: { type: resolved.type, value } });
    return unique;
  }

  /** The input reading `selector` (shared by every use of the same selector); null selector: unconnected. */
  read(name: string, selector: readonly string[] | null): string {
    if (!selector) return this.add(name, { kind: 'missing', type: 'string' });
    const key = selector.join('\u0000');
    const known = this.bySelector.get(key);
    if (known) return known;
    const created = this.add(name, this.context.resolve(selector, this.reader));
    this.bySelector.set(key, created);
    return created;
  }

  /**
   * An input of its own named `name` reading `selector`, never shared: code arguments, template variables and end
   * outputs are used by name, so two of them reading the same value are two inputs.
   */
  bind(name: string, selector: readonly string[] | null): string {
    return this.add(name, selector ? this.context.resolve(selector, this.reader) : { kind: 'missing', type: 'string' });
  }

  literal(name: string, value: unknown, type: ValueType): string {
    return this.add(name, { kind: 'literal', value, type });
  }

  /** Dify's `{{#node.var#}}` references in `source` become `{{name}}` placeholders of inputs. */
  template(source: string, specials: Record<string, readonly string[] | null> = {}): string {
    return source.replace(PLACEHOLDER, (placeholder, inner: string) => {
      const key = inner.trim();
      if (key in specials) return `{{${this.read(key, specials[key] ?? null)}}}`;
      const selector = key.split('.');
      if (selector.length < 2) {
        this.context.warn('reference-not-mapped', `${this.context.label(this.reader)}: ${placeholder} has no equivalent here and was left as written`, this.reader);
        return placeholder;
      }
      return `{{${this.read(selector.at(-1)!, selector)}}}`;
    });
  }
}
