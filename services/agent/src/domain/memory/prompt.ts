/**
 * Fills {{name}} placeholders from `variables`. A placeholder without a value stays as written, so a
 * missing variable shows in the debug chat rather than vanishing.
 */
export function fillInstructions(template: string, variables: Record<string, string | number | boolean>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g, (placeholder, name: string) => {
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return value === undefined ? placeholder : String(value);
  });
}
