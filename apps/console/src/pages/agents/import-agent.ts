import { ApiError } from '../../api/index.js';

/** The JSON of an exported agent file, or an ApiError that says the file is not one (checked again by the hub). */
export async function readAgentFile(file: File, notAnAgent: string): Promise<unknown> {
  const text = await file.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_file', notAnAgent);
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    (parsed as { format?: unknown }).format !== 'astron-agent'
  )
    throw new ApiError(400, 'invalid_file', notAnAgent);
  return parsed;
}

/** Saves a JSON document as a file download. */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file name the hub gives an export (`<name>.agent.json`). */
export function exportFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 64) || 'agent'}.agent.json`;
}
