import { ApiError } from '../../api/index.js';

/**
 * What the hub's import takes as `file`: the parsed JSON of a .json file, or the text of a YAML one (our export
 * or the original astron-agent's; the hub tells them apart and says when it is neither).
 */
export async function readWorkflowFile(file: File, unreadable: string): Promise<unknown> {
  const text = await file.text();
  if (text.trim() === '') throw new ApiError(400, 'unreadable_file', unreadable);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The file name the hub gives an export (`<name>.workflow.json`). */
export function workflowFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 64) || 'workflow'}.workflow.json`;
}
