import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { bytesOf, isStream } from './body.js';
import { DEFAULT_CONTENT_TYPE } from './keys.js';
import type { ObjectBody } from './types.js';

/** What the local store keeps beside each object, in a mirror tree under meta/. */
export interface LocalMetadata {
  contentType: string;
}

/** Codes that mean "no object there": missing, or a path that runs through a file or names a folder. */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/** Writes to a fresh file in `temporaryDirectory`, then renames it onto `target`: readers never see half a file. */
export async function writeAtomically(
  temporaryDirectory: string,
  target: string,
  body: ObjectBody,
): Promise<void> {
  const temporary = join(temporaryDirectory, randomUUID());
  try {
    if (isStream(body)) await pipeline(body, createWriteStream(temporary, { flags: 'wx' }));
    else await writeFile(temporary, bytesOf(body), { flag: 'wx' });
    await mkdir(dirname(target), { recursive: true });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function readMetadata(path: string): Promise<LocalMetadata> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LocalMetadata>;
    return {
      contentType: typeof parsed.contentType === 'string' ? parsed.contentType : DEFAULT_CONTENT_TYPE,
    };
  } catch (error) {
    if (isMissing(error) || error instanceof SyntaxError) return { contentType: DEFAULT_CONTENT_TYPE };
    throw error;
  }
}

/** Relative paths ('a/b/c.txt', always with '/') of every file under `directory`; none when it is absent. */
export async function listFiles(directory: string, relativeTo = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const relative = relativeTo === '' ? entry.name : `${relativeTo}/${entry.name}`;
      if (entry.isDirectory()) return listFiles(join(directory, entry.name), relative);
      return entry.isFile() ? [relative] : [];
    }),
  );
  return nested.flat();
}
