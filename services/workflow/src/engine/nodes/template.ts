/** Text of a value as templates show it: strings as they are, everything else as JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function valueAt(values: Record<string, unknown>, path: string): { found: boolean; value: unknown } {
  let current: unknown = values;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return { found: false, value: undefined };
    current = (current as Record<string, unknown>)[part];
  }
  return { found: true, value: current };
}

/**
 * The original's prompt templates: `{{name}}`, `{{name.field}}`, `{{name[0].field}}` replaced by the node's input
 * of that name; a placeholder naming no input stays as written, so a literal `{{x}}` in a prompt survives.
 */
export function renderTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g, (placeholder, path: string) => {
    const { found, value } = valueAt(values, path);
    return found ? asText(value) : placeholder;
  });
}
