import { describe, expect, it } from 'vitest';
import { applicationServices, interpolate, InterpolationError, loadCompose, readEnvFile } from './compose.js';
import { composeFile, envExampleFile, placeholderMark, serviceHealthcheck } from './paths.js';

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
      expect.arrayContaining(['postgres', 'mysql', 'redis', 'minio', 'core-tenant']),
    );
  });

  it('has no working default for any secret: each placeholder of .env.example is required', () => {
    const secrets = Object.keys(example).filter((name) => example[name]?.includes(placeholderMark));
    expect(secrets).toEqual(
      expect.arrayContaining(['ASTRON_SERVICE_TOKEN', 'ASTRON_ENCRYPTION_KEY', 'MYSQL_PASSWORD']),
    );
    for (const secret of secrets) {
      const without = { ...example, [secret]: undefined };
      expect(() => loadCompose(composeFile, without), secret).toThrow(InterpolationError);
      try {
        loadCompose(composeFile, without);
      } catch (error) {
        expect((error as InterpolationError).variable).toBe(secret);
      }
    }
  });

  it('gives every application service the shared shape', () => {
    const compose = loadCompose(composeFile, example);
    const infrastructure = Object.keys(compose.services).filter(
      (name) => compose.services[name]?.build === undefined,
    );
    for (const [name, service] of applicationServices(compose)) {
      expect(service.build?.context, name).toBe('../..');
      expect(service.image, name).toMatch(new RegExp(`^astron-agent/${name}:`));
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
      expect(service.ports, name).toContain(`${port}:${port}`);
    }
  });

  it('lists every variable the compose file reads in .env.example', () => {
    const read = new Set<string>();
    const recorder = new Proxy(example, {
      get: (target, key: string) => {
        read.add(key);
        return target[key];
      },
    });
    loadCompose(composeFile, recorder);
    const unlisted = [...read].filter((name) => !(name in example));
    expect(unlisted).toEqual([]);
  });
});
