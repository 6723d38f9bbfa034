/**
 * A tool name as OpenAI-compatible APIs accept it, `[a-zA-Z0-9_-]{1,64}`, unique among `taken` (which it joins): a
 * numbered suffix tells apart names that clash.
 */
export function uniqueToolName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool';
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base.slice(0, 60)}_${n}`;
  taken.add(name);
  return name;
}
