import { isUniqueViolation } from '@astron/kit/db';

/**
 * Runs `attempt` (a transaction) again when it lost a race for a unique key: a version number that a concurrent
 * publish took between reading the last one and inserting the next. The new attempt reads the number anew.
 */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>, times = 5): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUniqueViolation(error) || tries >= times) throw error;
    }
  }
}
