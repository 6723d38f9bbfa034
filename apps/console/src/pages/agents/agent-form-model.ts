import type { AgentDatabase, AgentMcpTool, AgentPlugin } from '../../api/plugin-types.js';
import type {
  Agent,
  AgentDraft,
  AgentKnowledge,
  AgentRpaRobot,
  AgentStrategy,
  BuiltinTool,
  Provider,
} from '../../api/types.js';
import { compact, required, type ValidationKey } from '../../lib/validation.js';

export const BUILTIN_TOOLS: BuiltinTool[] = ['current_time', 'calculator', 'web_reader'];
export const STRATEGIES: AgentStrategy[] = ['auto', 'function-calling', 'react'];
export const MAX_QUESTIONS = 10;
/** The hub's default for an agent without knowledge settings. */
const NO_KNOWLEDGE: AgentKnowledge = { kbIds: [], topK: 5, scoreThreshold: 0 };

/** The settings form as typed: numbers stay text until they are checked. */
export interface AgentFormValues {
  name: string;
  alias: string;
  description: string;
  instructions: string;
  model: string;
  temperature: string;
  maxTokens: string;
  tools: BuiltinTool[];
  workflows: string[];
  knowledge: AgentKnowledge;
  plugins: AgentPlugin[];
  mcpTools: AgentMcpTool[];
  databases: AgentDatabase[];
  aiTools: string[];
  rpa: AgentRpaRobot[];
  strategy: AgentStrategy;
  maxSteps: string;
  openingMessage: string;
  suggestedQuestions: string[];
  memoryEnabled: boolean;
  memoryMaxTokens: string;
}

export type AgentFormField = keyof AgentFormValues;

export function initialValues(agent: Agent): AgentFormValues {
  return {
    name: agent.name,
    alias: agent.alias ?? '',
    description: agent.description,
    instructions: agent.instructions,
    model: agent.model ?? '',
    temperature: agent.parameters.temperature === undefined ? '' : String(agent.parameters.temperature),
    maxTokens: agent.parameters.maxTokens === undefined ? '' : String(agent.parameters.maxTokens),
    tools: BUILTIN_TOOLS.filter((tool) => agent.tools.includes(tool)),
    workflows: [...(agent.workflows ?? [])],
    knowledge: { ...NO_KNOWLEDGE, ...agent.knowledge, kbIds: [...(agent.knowledge?.kbIds ?? [])] },
    plugins: [...(agent.plugins ?? [])],
    mcpTools: [...(agent.mcpTools ?? [])],
    databases: [...(agent.databases ?? [])],
    aiTools: [...(agent.aiTools ?? [])],
    rpa: [...(agent.rpa ?? [])],
    strategy: agent.strategy,
    maxSteps: String(agent.maxSteps),
    openingMessage: agent.openingMessage,
    suggestedQuestions: [...agent.suggestedQuestions],
    memoryEnabled: agent.memory.enabled,
    memoryMaxTokens: String(agent.memory.maxTokens),
  };
}

/** The hub's alias rule (services/hub/src/agents/schemas.ts): it must never look like an agent id. */
export function isValidAlias(alias: string): boolean {
  return alias.length <= 64 && /^[a-z0-9][a-z0-9._-]*$/.test(alias) && !alias.startsWith('agent_');
}

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text.trim()));
const isWhole = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/** The same limits as the hub's draft schema (services/hub/src/agents/schemas.ts). */
export function validateAgent(values: AgentFormValues): Partial<Record<AgentFormField, ValidationKey>> {
  const temperature = values.temperature.trim();
  const questions = values.suggestedQuestions
    .map((question) => question.trim())
    .filter((question) => question !== '');
  return compact<AgentFormField>({
    name: required(values.name) ?? (values.name.trim().length > 128 ? 'validation.tooLong' : undefined),
    alias: values.alias.trim() === '' || isValidAlias(values.alias.trim()) ? undefined : 'validation.alias',
    description: values.description.length > 2000 ? 'validation.tooLong' : undefined,
    openingMessage: values.openingMessage.length > 4000 ? 'validation.tooLong' : undefined,
    temperature:
      temperature === '' || (isNumber(temperature) && Number(temperature) >= 0 && Number(temperature) <= 2)
        ? undefined
        : 'validation.temperature',
    maxTokens:
      values.maxTokens.trim() === '' || isWhole(values.maxTokens, 1, 1_000_000)
        ? undefined
        : 'validation.maxTokens',
    maxSteps: isWhole(values.maxSteps, 1, 100) ? undefined : 'validation.maxSteps',
    memoryMaxTokens:
      !values.memoryEnabled || isWhole(values.memoryMaxTokens, 64, 2_000_000)
        ? undefined
        : 'validation.memoryTokens',
    suggestedQuestions:
      questions.length > MAX_QUESTIONS
        ? 'validation.tooMany'
        : questions.some((question) => question.length > 500)
          ? 'validation.tooLong'
          : undefined,
  });
}

/**
 * The PATCH body of valid values; `topP`, which the form does not show, is kept as it was. The alias is sent only
 * when it changed (empty removes it): it is not part of the draft.
 */
export function toDraftChanges(
  values: AgentFormValues,
  agent: Agent,
): Omit<AgentDraft, 'icon'> & { alias?: string | null } {
  const parameters: AgentDraft['parameters'] = {};
  if (values.temperature.trim() !== '') parameters.temperature = Number(values.temperature.trim());
  if (values.maxTokens.trim() !== '') parameters.maxTokens = Number(values.maxTokens.trim());
  if (agent.parameters.topP !== undefined) parameters.topP = agent.parameters.topP;
  const memoryTokens = Number(values.memoryMaxTokens.trim());
  const alias = values.alias.trim() === '' ? null : values.alias.trim();
  return {
    ...(alias === agent.alias ? {} : { alias }),
    name: values.name.trim(),
    description: values.description,
    instructions: values.instructions,
    model: values.model === '' ? null : values.model,
    parameters,
    tools: BUILTIN_TOOLS.filter((tool) => values.tools.includes(tool)),
    workflows: values.workflows,
    knowledge: values.knowledge,
    plugins: values.plugins,
    mcpTools: values.mcpTools,
    databases: values.databases,
    aiTools: values.aiTools,
    rpa: values.rpa,
    strategy: values.strategy,
    maxSteps: Number(values.maxSteps.trim()),
    openingMessage: values.openingMessage,
    suggestedQuestions: values.suggestedQuestions
      .map((question) => question.trim())
      .filter((question) => question !== ''),
    // A disabled memory keeps its budget, so turning it on again restores it.
    memory: {
      enabled: values.memoryEnabled,
      maxTokens: Number.isInteger(memoryTokens) && memoryTokens >= 64 ? memoryTokens : agent.memory.maxTokens,
    },
  };
}

export interface ModelOption {
  value: string;
  label: string;
}

/** The space's chat models as `<providerId>/<modelId>`, labelled with the provider's name. */
export function chatModelOptions(providers: Provider[]): ModelOption[] {
  return providers.flatMap((provider) =>
    provider.models
      .filter((model) => model.kind === 'chat')
      .map((model) => ({ value: `${provider.id}/${model.id}`, label: `${provider.name} / ${model.id}` })),
  );
}
