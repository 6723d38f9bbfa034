import type { RpaPlatform } from '../platform/client.js';
import { failureOfRequest } from '../platform/failure.js';

/** Whether robots can run: the platform's URLs are set, and it answered a probe (null: not probed). */
export interface PlatformStatus {
  configured: boolean;
  reachable: boolean | null;
  /** Why the platform cannot be used, for the people who set it up; null when it can. */
  message: string | null;
}

/** A status is asked for by a page being shown or a run starting: neither should wait long for a silent platform. */
const PROBE_TIMEOUT_MS = 3_000;

export async function platformStatus(platform: RpaPlatform | null, options: { probe: boolean; requestTimeoutMs: number }): Promise<PlatformStatus> {
  if (platform === null) {
    return { configured: false, reachable: false, message: 'no RPA platform is configured: set XIAOWU_RPA_TASK_CREATE_URL and XIAOWU_RPA_TASK_QUERY_URL' };
  }
  if (!options.probe) return { configured: true, reachable: null, message: null };
  try {
    await platform.probe(Math.min(PROBE_TIMEOUT_MS, options.requestTimeoutMs));
    return { configured: true, reachable: true, message: null };
  } catch (error) {
    return { configured: true, reachable: false, message: failureOfRequest(error).message };
  }
}
