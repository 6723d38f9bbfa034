import type { Logger } from '@astron/kit/log';
import type { ObjectStore } from '@astron/kit/storage';
import { FILES_PREFIX } from './file-links.js';

export interface FileSweeper {
  /** Deletes the files made before `at` minus the retention; returns how many. */
  sweep(at?: number): Promise<number>;
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Generated files are only reachable through links that expire, so after the retention nobody can ask for them
 * again: an hourly sweep (and one at start) deletes them. Several instances sweeping at once only delete twice.
 */
export function startFileSweeper(store: ObjectStore, retentionSeconds: number, logger: Logger): FileSweeper {
  let running: Promise<number> | null = null;

  async function sweepOnce(at: number): Promise<number> {
    const cutoff = at - retentionSeconds * 1000;
    const stale = (await store.list(FILES_PREFIX)).filter((file) => file.lastModified !== undefined && file.lastModified.getTime() < cutoff);
    for (const file of stale) await store.delete(file.key);
    if (stale.length > 0) logger.info({ deleted: stale.length }, 'deleted files past their retention');
    return stale.length;
  }

  const sweep = (at = Date.now()): Promise<number> => {
    const current = (running ?? Promise.resolve(0)).then(() => sweepOnce(at));
    running = current.catch(() => 0);
    return current;
  };
  const background = () => {
    sweep().catch((error: unknown) => logger.warn({ err: error }, 'the file sweep failed; it runs again within the hour'));
  };
  const timer = setInterval(background, SWEEP_EVERY_MS);
  timer.unref();
  background();

  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
