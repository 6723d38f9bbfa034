import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Just enough of the Dockerfile grammar to check our rules: instructions, continuation lines, stages. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  base: string;
  name: string | undefined;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARG lines before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
  /** Every instruction in file order, FROM included. */
  all: Instruction[];
}

function logicalLines(text: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | null = null;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) return;
    if (pending === null && trimmed === '') return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    pending =
      pending === null ? { text: part, line: index + 1 } : { ...pending, text: `${pending.text} ${part}` };
    if (!continued) {
      lines.push(pending);
      pending = null;
    }
  });
  return lines;
}

export function parseDockerfile(text: string): Dockerfile {
  const result: Dockerfile = { globalArgs: [], stages: [], all: [] };
  for (const { text: line, line: number } of logicalLines(text)) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (match === null) continue;
    const instruction = {
      keyword: (match[1] ?? '').toUpperCase(),
      args: (match[2] ?? '').trim(),
      line: number,
    };
    result.all.push(instruction);
    if (instruction.keyword === 'FROM') {
      const [base = '', as, name] = instruction.args.split(/\s+/);
      result.stages.push({ base, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (result.stages.length === 0) {
      if (instruction.keyword === 'ARG') result.globalArgs.push(instruction);
    } else {
      result.stages.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

/** The exec form `["a", "b"]` of CMD, ENTRYPOINT or HEALTHCHECK [--flags] CMD; null for the shell form. */
export function execForm(args: string): string[] | null {
  const json = args.replace(/^(?:--\S+\s+)*CMD\s+/i, '');
  if (!json.startsWith('[')) return null;
  return JSON.parse(json) as string[];
}

/** Source paths of a COPY without --from (the build context) or with --from (another stage). */
export function copyParts(args: string): {
  from: string | undefined;
  sources: string[];
  destination: string;
} {
  const words = args.split(/\s+/);
  const flags = words.filter((word) => word.startsWith('--'));
  const paths = words.filter((word) => !word.startsWith('--'));
  const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
}

/** Folders of the workspaces (packages/*, services/*, apps/*) by package name. */
export function workspaceFolders(root: string): Map<string, string> {
  const folders = new Map<string, string>();
  for (const group of ['packages', 'services', 'apps']) {
    if (!existsSync(join(root, group))) continue;
    for (const entry of readdirSync(join(root, group))) {
      const manifest = join(root, group, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
      folders.set(name, `${group}/${entry}`);
    }
  }
  return folders;
}

/**
 * The workspace folders a service needs at build and run time: itself, its tsconfig references and its
 * workspace dependencies, followed transitively.
 */
export function workspaceClosure(root: string, start: string): string[] {
  const folders = workspaceFolders(root);
  const seen = new Set<string>();
  const visit = (folder: string) => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const tsconfig = JSON.parse(readFileSync(join(root, folder, 'tsconfig.json'), 'utf8')) as {
      references?: { path: string }[];
    };
    for (const reference of tsconfig.references ?? []) {
      visit(join(folder, reference.path).replace(/\/tsconfig\.json$/, ''));
    }
    const manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const dependency = folders.get(name);
      if (dependency !== undefined) visit(dependency);
    }
  };
  visit(start);
  return [...seen].sort();
}
