import { createServiceClient } from '@astron/kit/service-client';
import type { SqlAnswer, SqlRunner } from '../engine/node-type.js';
import { actingFor } from './acting-for.js';

/**
 * Database nodes run one checked statement on a memory database (MEMORY_URL, read at each call) in the run's space:
 * the memory service parses it, refuses what its allowlists do not hold, and runs it as the database copy's role.
 */
export function memoryServiceSql(options: { memoryUrl: () => string; serviceToken: string; timeoutMs: number }): SqlRunner {
  return async (on, databaseId, request, signal) => {
    const client = createServiceClient({ baseUrl: options.memoryUrl(), serviceToken: options.serviceToken, caller: 'workflow', timeoutMs: options.timeoutMs });
    const response = await client.open('POST', `/memory/v1/databases/${databaseId}/sql`, { body: request, on: actingFor(on), signal });
    return (await response.json()) as SqlAnswer;
  };
}
