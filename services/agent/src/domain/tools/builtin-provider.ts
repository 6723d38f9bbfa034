import { badRequest } from '@astron/kit/errors';
import { z } from 'zod';
import type { ToolDefinition } from './define-tool.js';
import type { ToolProvider, ToolSpec } from './provider.js';

function jsonSchemaOf(definition: ToolDefinition<unknown>): Record<string, unknown> {
  // Some OpenAI-compatible servers reject the $schema keyword inside tool parameters.
  const { $schema: _ignored, ...schema } = z.toJSONSchema(definition.inputSchema, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

/** The tools defined in this service (tools/registry.ts), validated against their zod schemas. */
export function builtinProvider(definitions: ToolDefinition<unknown>[]): ToolProvider {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  const specs = new Map<string, ToolSpec>(
    definitions.map((definition) => [
      definition.name,
      { name: definition.name, description: definition.description, parameters: jsonSchemaOf(definition), timeoutMs: definition.timeoutMs },
    ]),
  );
  return {
    id: 'builtin',
    async listTools(requests) {
      return requests.map((request) => {
        const spec = specs.get(request.name);
        if (spec === undefined) {
          throw badRequest(`there is no built-in tool "${request.name}"; built-in tools: ${[...specs.keys()].join(', ')}`, undefined, 'unknown_tool');
        }
        return spec;
      });
    },
    async runTool(name, input, context) {
      const definition = byName.get(name);
      if (definition === undefined) throw new Error(`there is no built-in tool "${name}"`);
      const parsed = definition.inputSchema.safeParse(input ?? {});
      if (!parsed.success) throw new Error(`invalid arguments for ${name}: ${describeIssues(parsed.error)}`);
      return definition.run(parsed.data, context);
    },
  };
}
