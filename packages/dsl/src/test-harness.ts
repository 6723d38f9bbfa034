import { readFileSync } from 'node:fs';

/** The original-format sample flows under fixtures/, read fresh for every use so tests can mutate them. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export function supportTriageFlow(): { id: string; name: string; description: string; version: string; data: FlowData } {
  return JSON.parse(readFixture('astron-support-triage.json')) as ReturnType<typeof supportTriageFlow>;
}

export interface FlowData {
  nodes: Array<Record<string, any>>;
  edges: Array<Record<string, any>>;
}
