import { describe, expect, it } from 'vitest';
import {
  applicationServices,
  interpolate,
  InterpolationError,
  loadCompose,
  readComposeRaw,
  readEnvFile,
  type Variables,
} from './compose.js';
import {
  authComposeFile,
  composeFile,
  envExampleFile,
  placeholderMark,
  serviceHealthcheck,
  withAuthComposeFile,
  withAuthFiles,
} from './paths.js';

/** What an operator adds to .env.example after creating the console's application in Casdoor. */
const casdoorClient = {
  CONSOLE_CASDOOR_URL: 'http://192.0.2.10:8000',
  CONSOLE_CASDOOR_ID: 'client-id',
  CONSOLE_CASDOOR_SECRET: 'client-secret',
};

/** The variables a compose file reads (with `variables` as the values it sees). */
function variablesRead(file: string, variables: Variables): Set<string> {
  const read = new Set<string>();
  const recorder = new Proxy(variables, {
    get: (target, key: string) => {
      read.add(key);
      return target[key];
    },
  });
  loadCompose(file, recorder);
  return read;
}

describe('interpolate', () => {
  const variables = { SET: 'value', EMPTY: '' };

  it('substitutes the forms Compose v1 and v2 share', () => {
    expect(interpolate('${SET}/$SET/${UNSET}', variables)).toBe('value/value/');
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${UNSET:-d}', variables)).toBe('value d d');
    expect(interpolate('${SET-d} ${EMPTY-d} ${UNSET-d}', variables)).toBe('value  d');
    expect(interpolate('${EMPTY?m}${SET:?m}', variables)).toBe('value');
    expect(interpolate('$${KEEP} $$HOME', variables)).toBe('${KEEP} $HOME');
  });

  it('names the variable a required form misses', () => {
    expect(() => interpolate('${UNSET:?give it}', variables)).toThrow(/UNSET is missing a value: give it/);
    expect(() => interpolate('${EMPTY:?give it}', variables)).toThrow(InterpolationError);
    expect(() => interpolate('${UNSET?give it}', variables)).toThrow(/UNSET/);
  });

  it('rejects what docker-compose v1 rejects', () => {
    expect(() => interpolate('${SET:+x}', variables)).toThrow(/invalid interpolation/);
    expect(() => interpolate('cost $', variables)).toThrow(/invalid interpolation/);
  });
});

describe('deploy/docker/docker-compose.yaml', () => {
  const example = readEnvFile(envExampleFile);

  it('interpolates completely with .env.example', () => {
    const compose = loadCompose(composeFile, example);
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'mysql',
        'redis',
        'minio',
        'core-tenant',
        'console-hub',
        'console-frontend',
      ]),
    );
  });

  it('has no working default for any secret: each placeholder of .env.example is required where it is read', () => {
    const secrets = Object.keys(example).filter((name) => example[name]?.includes(placeholderMark));
    expect(secrets).toEqual(
      expect.arrayContaining(['ASTRON_SERVICE_TOKEN', 'ASTRON_ENCRYPTION_KEY', 'MYSQL_PASSWORD']),
    );
    for (const secret of secrets) {
      const complete = { ...example, ...casdoorClient };
      const readers = withAuthFiles.filter((file) => variablesRead(file, complete).has(secret));
      expect(readers.length, `${secret} is read by a compose file`).toBeGreaterThan(0);
      for (const file of readers) {
        const without = { ...complete, [secret]: undefined };
        let thrown: unknown;
        try {
          loadCompose(file, without);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${file} requires ${secret}`).toBeInstanceOf(InterpolationError);
        expect((thrown as InterpolationError).variable).toBe(secret);
      }
    }
  });

  it('gives every application service the shared shape', () => {
    const compose = loadCompose(composeFile, example);
    const infrastructure = Object.keys(compose.services).filter(
      (name) => compose.services[name]?.build === undefined,
    );
    for (const [name, service] of applicationServices(compose)) {
      // A worker runs the image of the service it works for, with its own command and no published port.
      const worksFor = Array.isArray(service.command) && name.endsWith('-worker') ? name.slice(0, -'-worker'.length) : null;
      expect(service.build?.context, name).toBe('../..');
      expect(service.image, name).toMatch(new RegExp(`^astron-agent/${worksFor ?? name}:`));
      expect(service.restart, name).toBe('always');
      expect(service.networks, name).toEqual(['astron-agent-network']);
      expect(service.healthcheck?.test, name).toEqual(serviceHealthcheck);
      expect(service.environment?.ASTRON_MODE, name).toBe('distributed');
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = infrastructure.includes(dependency)
          ? ['service_healthy']
          : ['service_healthy', 'service_started'];
        expect(expected, `${name} → ${dependency}`).toContain(condition);
      }
      const port = service.environment?.SERVICE_PORT;
      if (worksFor === null) expect(service.ports, name).toContain(`${port}:${port}`);
      else expect([service.ports, service.container_name], name).toEqual([undefined, undefined]);
    }
  });

  it('lists every variable the compose files read in .env.example', () => {
    for (const file of withAuthFiles) {
      const read = variablesRead(file, { ...example, ...casdoorClient });
      const unlisted = [...read].filter((name) => !(name in example));
      expect(unlisted, file).toEqual([]);
    }
  });

  it('runs console-frontend (nginx) in front of console-hub', () => {
    const compose = loadCompose(composeFile, example);
    const frontend = compose.services['console-frontend'];
    const hubPort = compose.services['console-hub']?.environment?.SERVICE_PORT;
    expect(frontend?.build).toEqual({ context: '../..', dockerfile: 'apps/console/Dockerfile' });
    expect(frontend?.image).toMatch(/^astron-agent\/console-frontend:/);
    expect(frontend?.restart).toBe('always');
    expect(frontend?.networks).toEqual(['astron-agent-network']);
    expect(frontend?.depends_on).toEqual({ 'console-hub': { condition: 'service_healthy' } });
    expect(frontend?.environment?.CONSOLE_HUB_UPSTREAM).toBe(`console-hub:${hubPort}`);
    expect(frontend?.ports).toEqual([`${example.CONSOLE_FRONTEND_PORT}:1881`]);
    expect(frontend?.healthcheck?.test).toEqual([
      'CMD',
      'wget',
      '-q',
      '-O',
      '/dev/null',
      'http://127.0.0.1:1881/nginx-health',
    ]);
    // The hub reaches the tenant by its compose name; nginx serves the console, so the hub does not.
    const hub = compose.services['console-hub'];
    expect(hub?.environment?.TENANT_URL).toBe(`http://core-tenant:${example.CORE_TENANT_PORT}`);
    expect(hub?.environment).not.toHaveProperty('CONSOLE_DIST');
    expect(hub?.depends_on?.['core-tenant']).toEqual({ condition: 'service_healthy' });
  });

  it('runs core-knowledge on PostgreSQL (pgvector) in its own schema and on MinIO, for the services that call it', () => {
    const compose = loadCompose(composeFile, example);
    const knowledge = compose.services['core-knowledge']?.environment ?? {};
    expect(compose.services.postgres?.image).toMatch(/^pgvector\/pgvector:/);
    expect(knowledge).toMatchObject({
      DATABASE_URL: 'postgres://postgres:5432/sparkdb_manager?schema=knowledge',
      DATABASE_USERNAME: example.POSTGRES_USER,
      DATABASE_PASSWORD: example.POSTGRES_PASSWORD,
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY: example.MINIO_ROOT_USER,
      S3_SECRET_KEY: example.MINIO_ROOT_PASSWORD,
      HUB_URL: `http://console-hub:${example.CONSOLE_HUB_PORT}`,
      // RAGFlow is optional and off in .env.example.
      RAGFLOW_BASE_URL: '',
    });
    const url = `http://core-knowledge:${knowledge.SERVICE_PORT}`;
    for (const name of ['console-hub', 'core-agent', 'core-workflow', 'core-workflow-worker']) {
      expect(compose.services[name]?.environment?.KNOWLEDGE_URL, name).toBe(url);
    }
    const hub = compose.services['console-hub'];
    expect(hub?.depends_on?.['core-knowledge']).toEqual({ condition: 'service_healthy' });
    expect(hub?.environment?.KNOWLEDGE_MAX_FILE_MB).toBe(knowledge.KNOWLEDGE_MAX_FILE_MB);
  });
});

describe('deploy/docker/docker-compose-auth.yml and docker-compose-with-auth.yaml', () => {
  const example = { ...readEnvFile(envExampleFile), ...casdoorClient };

  it('runs casdoor and casdoor-mysql on astron-agent-network, images pinned, with health checks', () => {
    const auth = loadCompose(authComposeFile, example);
    expect(Object.keys(auth.services).sort()).toEqual(['casdoor', 'casdoor-mysql']);
    for (const [name, service] of Object.entries(auth.services)) {
      expect(service.image, name).toMatch(/^[a-z0-9/._-]+:v?\d+\.\d+(\.\d+)?$/);
      expect(service.networks, name).toEqual(['astron-agent-network']);
      expect(service.healthcheck?.test.length, name).toBeGreaterThan(1);
      expect(service.restart, name).toBe('always');
    }
    expect(auth.services.casdoor?.depends_on).toEqual({ 'casdoor-mysql': { condition: 'service_healthy' } });
    expect(auth.services.casdoor?.environment?.origin).toBe(example.CONSOLE_CASDOOR_URL);
    expect(auth.services['casdoor-mysql']?.ports, 'casdoor-mysql is not published').toBeUndefined();
  });

  it('declares the network exactly as docker-compose.yaml, so either file may create it', () => {
    expect(loadCompose(authComposeFile, example).networks).toEqual(
      loadCompose(composeFile, example).networks,
    );
  });

  it('completes services of docker-compose.yaml only, requiring the Casdoor client settings', () => {
    const overlay = readComposeRaw(withAuthComposeFile);
    const base = readComposeRaw(composeFile);
    for (const name of Object.keys(overlay.services)) expect(Object.keys(base.services)).toContain(name);
    expect(overlay.services['console-hub']?.depends_on).toEqual({
      casdoor: { condition: 'service_healthy' },
    });
    for (const variable of ['CONSOLE_CASDOOR_URL', 'CONSOLE_CASDOOR_ID', 'CONSOLE_CASDOOR_SECRET']) {
      expect(() => loadCompose(withAuthComposeFile, { ...example, [variable]: '' }), variable).toThrow(
        new RegExp(`${variable} is missing a value`),
      );
    }
  });
});
