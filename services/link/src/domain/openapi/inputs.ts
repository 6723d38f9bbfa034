import { cleanSchema, objectShape } from './schema.js';
import type { Binding, JsonSchema, ParameterLocation } from './types.js';

/** A parameter of either specification, in one shape. */
export interface ParameterSpec {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description: string | undefined;
  schema: unknown;
  /** Arrays as repeated `name=a&name=b` (true) or joined with commas (false). */
  explode: boolean;
}

/** The request body an operation takes, in one shape. */
export interface BodySpec {
  mediaType: string;
  kind: 'json' | 'form';
  schema: unknown;
  required: boolean;
}

/**
 * The tool's inputs: every parameter by its name, and the body's properties beside them when the body is an
 * object whose names do not clash (as the original core-link's callers merge query and body); otherwise the
 * body is one input, `body`. A name used twice (a path `id` and a header `id`) gets its location appended.
 */
export function toolInputs(parameters: ParameterSpec[], body: BodySpec | null): { inputSchema: JsonSchema; bindings: Binding[] } {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const bindings: Binding[] = [];
  const freeKey = (name: string, location: string) => {
    if (properties[name] === undefined) return name;
    let key = `${name}_${location}`;
    for (let n = 2; properties[key] !== undefined; n += 1) key = `${name}_${location}_${n}`;
    return key;
  };

  for (const parameter of parameters) {
    const key = freeKey(parameter.name, parameter.in);
    const schema = cleanSchema(parameter.schema, 'input');
    properties[key] = parameter.description === undefined ? schema : { ...schema, description: parameter.description };
    if (parameter.required || parameter.in === 'path') required.push(key);
    bindings.push({ input: key, in: parameter.in, name: parameter.name, explode: parameter.explode });
  }

  if (body !== null) {
    const schema = cleanSchema(body.schema, 'input');
    const shape = objectShape(schema);
    const clashes = shape !== null && Object.keys(shape.properties).some((name) => properties[name] !== undefined);
    if (shape !== null && !clashes) {
      for (const [name, property] of Object.entries(shape.properties)) {
        properties[name] = property;
        bindings.push({ input: name, in: 'body', property: name });
      }
      // An optional body's required fields are required only when a body is sent: a model cannot say that.
      if (body.required) required.push(...shape.required);
    } else {
      const key = freeKey('body', 'request');
      properties[key] = schema;
      bindings.push({ input: key, in: 'body', property: null });
      if (body.required) required.push(key);
    }
  }

  const inputSchema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) inputSchema.required = [...new Set(required)];
  return { inputSchema, bindings };
}
