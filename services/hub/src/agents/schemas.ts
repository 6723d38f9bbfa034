import { z } from 'zod';

/** The built-in tools of the agent service (services/agent/src/domain/tools/registry.ts). */
export const BUILTIN_TOOLS = ['current_time', 'calculator', 'web_reader'] as const;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** `<providerId>/<modelId>`: the provider id has no slash, the model id may (vendor/model names). */
export const modelReferenceSchema = z.string().trim().max(600).regex(/^[^/]+\/.+$/, 'must be <providerId>/<modelId>');

const parametersSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  topP: z.number().min(0).max(1).optional(),
});

const memorySchema = z.object({ enabled: z.boolean(), maxTokens: z.number().int().min(64).max(2_000_000) });

/** Every field of a draft, each with its default: a new agent needs only a name. */
const knowledgeSchema = z.object({
  kbIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a knowledge base id')).max(10).default([]),
  topK: z.number().int().min(1).max(20).default(5),
  scoreThreshold: z.number().min(0).max(1).default(0),
});

/** Link operations, MCP tools, memory databases and aitools tools the agent may use (agents/plugin-tools.ts). */
const pluginsSchema = z
  .array(
    z.strictObject({
      toolId: z.string().regex(/^tool@[0-9a-zA-Z]{1,27}$/, 'must be a tool id: tool@ and letters or digits'),
      operationId: z.string().min(1).max(256),
      version: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a version label').optional(),
    }),
  )
  .max(32);
const mcpToolsSchema = z
  .array(z.strictObject({ serverId: z.string().regex(/^mcp@[0-9a-zA-Z]{1,40}$/, 'must be an MCP server id: mcp@ and letters or digits'), tool: z.string().min(1).max(256) }))
  .max(32);
const databasesSchema = z.array(z.strictObject({ databaseId: z.number().int().min(1), readOnly: z.boolean().default(true) })).max(4);
const aiToolsSchema = z.array(z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be an AI tool name')).max(8);

/** The JSON schema of a robot's input: an object, as tool parameters must be, and small enough to send at every run. */
const robotParametersSchema = z
  .record(z.string(), z.unknown())
  .refine((schema) => schema.type === 'object', 'must be a JSON schema of an object: {"type": "object", "properties": {...}}')
  .refine((schema) => JSON.stringify(schema).length <= 20_000, 'must be at most 20000 characters as JSON');

/** RPA robots (projects on the RPA platform) the agent may run, with the space's platform token (agents/rpa-tools.ts). */
const rpaSchema = z
  .array(
    z.strictObject({
      projectId: z.string().trim().min(1, 'must not be empty').max(200).regex(/^\S+$/, "must be the robot's project id on the RPA platform, without spaces"),
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be a tool name: 1 to 64 letters, digits, _ or -'),
      description: text(2000).default(''),
      parameters: robotParametersSchema.default({ type: 'object', properties: {} }),
    }),
  )
  .max(16)
  .superRefine((robots, context) => {
    const seen = new Set<string>();
    for (const [index, robot] of robots.entries()) {
      if (seen.has(robot.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: 'another robot of this agent has this name' });
      seen.add(robot.name);
    }
  });

export const draftSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(128),
  icon: text(2048).default(''),
  description: text(2000).default(''),
  instructions: text(200_000).default(''),
  model: modelReferenceSchema.nullable().default(null),
  parameters: parametersSchema.default({}),
  tools: z.array(z.enum(BUILTIN_TOOLS)).max(BUILTIN_TOOLS.length).default([]),
  /** Workflows of the space the agent may call as tools (their published versions, at every run). */
  workflows: z.array(z.string().min(1).max(64)).max(16).default([]),
  /** Knowledge bases of the space the agent searches through one tool, citing what it uses. */
  knowledge: knowledgeSchema.default({ kbIds: [], topK: 5, scoreThreshold: 0 }),
  plugins: pluginsSchema.default([]),
  mcpTools: mcpToolsSchema.default([]),
  databases: databasesSchema.default([]),
  aiTools: aiToolsSchema.default([]),
  rpa: rpaSchema.default([]),
  strategy: z.enum(['auto', 'function-calling', 'react']).default('auto'),
  maxSteps: z.number().int().min(1).max(100).default(8),
  openingMessage: text(4000).default(''),
  suggestedQuestions: z.array(text(500)).max(10).default([]),
  memory: memorySchema.default({ enabled: true, maxTokens: 8_000 }),
});

export type AgentDraft = z.infer<typeof draftSchema>;

/** A stable name for the API's `model`; it cannot look like an agent id, so the two never collide. */
export const aliasSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-", starting with a letter or digit')
  .refine((value) => !value.startsWith('agent_'), 'must not start with "agent_", which agent ids use');

/** POST /api/agents: a draft, and optionally the alias. */
export const createAgentSchema = draftSchema.extend({ alias: aliasSchema.nullable().optional() });

/** PATCH: any subset of the draft's fields, replaced whole (objects and lists too). */
export const draftChangesSchema = z.object({
  name: draftSchema.shape.name.optional(),
  icon: text(2048).optional(),
  description: text(2000).optional(),
  instructions: text(200_000).optional(),
  model: modelReferenceSchema.nullable().optional(),
  parameters: parametersSchema.optional(),
  tools: z.array(z.enum(BUILTIN_TOOLS)).max(BUILTIN_TOOLS.length).optional(),
  workflows: z.array(z.string().min(1).max(64)).max(16).optional(),
  knowledge: knowledgeSchema.optional(),
  plugins: pluginsSchema.optional(),
  mcpTools: mcpToolsSchema.optional(),
  databases: databasesSchema.optional(),
  aiTools: aiToolsSchema.optional(),
  rpa: rpaSchema.optional(),
  strategy: z.enum(['auto', 'function-calling', 'react']).optional(),
  maxSteps: z.number().int().min(1).max(100).optional(),
  openingMessage: text(4000).optional(),
  suggestedQuestions: z.array(text(500)).max(10).optional(),
  memory: memorySchema.optional(),
  /** Not part of the draft: takes effect at once, for the published agent too. */
  alias: aliasSchema.nullable().optional(),
});

export type AgentDraftChanges = z.infer<typeof draftChangesSchema>;

export const EXPORT_FORMAT = 'astron-agent' as const;

/** An exported agent: the draft only; ids, versions and people stay behind. */
export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(1),
  agent: draftSchema,
});

export const agentView = z.object({
  id: z.string(),
  alias: z.string().nullable(),
  ...draftSchema.shape,
  publishedVersion: z.number().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type AgentView = z.infer<typeof agentView>;

export const versionView = z.object({ version: z.number(), publishedAt: z.string(), publishedBy: z.string().nullable(), snapshot: draftSchema });

export const agentIdParams = z.object({ id: z.string().min(1).max(64) });

const turnSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string().max(1_000_000) });

export const chatRequestSchema = z.object({
  messages: z.array(turnSchema).min(1, 'must hold at least the user message').max(1_000),
  conversationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export type ChatTurn = z.infer<typeof turnSchema>;
