import { createServer } from 'node:net';
import { ConfigError } from '@astron/kit/config';
import { baseEnvironment, isEmbedded, portVariable, serviceEnvironment, startEmbeddedDatabase } from '../environment.js';
import { selectServices } from '../registry.js';

const CHECK_TIMEOUT_MS = 5000;

export interface Finding {
  service: string;
  check: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/**
 * Checks the configuration of every service and each dependency it names, and says how to fix
 * what fails. In embedded mode it also checks that the ports are free.
 */
export async function diagnose(options: { config?: string; services?: string[] }): Promise<Finding[]> {
  const env = baseEnvironment(options);
  const embedded = isEmbedded(env);
  const findings: Finding[] = [];
  const database = embedded ? await startEmbeddedDatabase(env, { borrow: true }).catch((error: unknown) => {
    findings.push({ service: 'platform', check: 'embedded database', ok: false, detail: String(error), fix: 'make ASTRON_DATA_DIR writable, or stop the other astron process using it' });
    return null;
  }) : null;
  try {
    for (const service of selectServices(options.services)) {
      const serviceEnv = serviceEnvironment(service, env, database?.database ?? null);
      let config: unknown;
      try {
        config = service.loadConfig(serviceEnv);
        findings.push({ service: service.name, check: 'configuration', ok: true, detail: 'valid' });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        for (const problem of error.problems) {
          findings.push({ service: service.name, check: 'configuration', ok: false, detail: `${problem.variable}: ${problem.problem}`, fix: `set ${problem.variable} (see deploy/docker/.env.example)` });
        }
        continue;
      }
      if (embedded) findings.push(await portFinding(service.name, Number(serviceEnv.SERVICE_PORT), portVariable(service)));
      for (const dependency of service.dependencies(config)) {
        const outcome = await withTimeout(dependency.check());
        findings.push({ service: service.name, check: dependency.name, ok: outcome === null, detail: outcome === null ? dependency.target : `${dependency.target}: ${outcome}`, ...(outcome === null ? {} : { fix: dependency.fix }) });
      }
    }
  } finally {
    await database?.close();
  }
  return findings;
}

async function withTimeout(check: Promise<void>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.then(() => null), timeout]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

function portFinding(service: string, port: number, variable: string): Promise<Finding> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () =>
      resolve({ service, check: 'port', ok: false, detail: `port ${port} is in use`, fix: `stop what listens on ${port}, or set ${variable}` }),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve({ service, check: 'port', ok: true, detail: `port ${port} is free` })));
  });
}
