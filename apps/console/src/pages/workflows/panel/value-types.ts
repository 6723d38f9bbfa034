import { VALUE_TYPES } from '@astron/dsl';

/** The types an input or output may declare, in the console's spelling (`array-string`). */
export const TYPE_CHOICES: readonly string[] = VALUE_TYPES;

/** A declared type in the console's spelling, whichever way the draft wrote it. */
export function typeChoice(schema: { type?: unknown; items?: unknown }): string {
  const type = typeof schema.type === 'string' ? schema.type : 'string';
  if (type !== 'array') return type;
  const items = schema.items;
  const item = typeof items === 'object' && items !== null ? (items as { type?: unknown }).type : undefined;
  return typeof item === 'string' && TYPE_CHOICES.includes(`array-${item}`) ? `array-${item}` : 'array';
}

/** A schema with a new type: the `items` of the engine's spelling go, as the type now says it all. */
export function withType<T extends { type: string; items?: unknown }>(schema: T, type: string): T {
  const next = { ...schema, type };
  delete next.items;
  return next;
}
