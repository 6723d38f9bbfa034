import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PlatformSecrets {
  serviceToken: string;
  encryptionKey: string;
  encryptionKeyId: string;
  oldEncryptionKeys: string[];
}

/**
 * Embedded mode needs no configuration, yet its data must stay readable across restarts:
 * the secrets are generated on the first start and kept beside the data (mode 0600).
 */
export function embeddedSecrets(dataDir: string): PlatformSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as PlatformSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: PlatformSecrets = {
    serviceToken: randomBytes(32).toString('hex'),
    encryptionKey: randomBytes(32).toString('base64'),
    encryptionKeyId: 'k1',
    oldEncryptionKeys: [],
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secrets;
}

/** The secret variables as parsed; kept in a service's config so `resolveSecrets` can run at start. */
export interface SecretEnv {
  ASTRON_MODE: 'embedded' | 'distributed';
  ASTRON_SERVICE_TOKEN: string | undefined;
  ASTRON_ENCRYPTION_KEY: string | undefined;
  ASTRON_ENCRYPTION_KEY_ID: string | undefined;
  ASTRON_ENCRYPTION_OLD_KEYS: string[];
}

export function secretEnv(env: Partial<SecretEnv> & Pick<SecretEnv, 'ASTRON_MODE' | 'ASTRON_ENCRYPTION_OLD_KEYS'>): SecretEnv {
  return {
    ASTRON_MODE: env.ASTRON_MODE,
    ASTRON_SERVICE_TOKEN: env.ASTRON_SERVICE_TOKEN,
    ASTRON_ENCRYPTION_KEY: env.ASTRON_ENCRYPTION_KEY,
    ASTRON_ENCRYPTION_KEY_ID: env.ASTRON_ENCRYPTION_KEY_ID,
    ASTRON_ENCRYPTION_OLD_KEYS: env.ASTRON_ENCRYPTION_OLD_KEYS,
  };
}

/** The secrets in force: the environment's (always in distributed mode, validated by the schema), else the data dir's. */
export function resolveSecrets(env: SecretEnv, dataDir: string): PlatformSecrets {
  if (env.ASTRON_MODE === 'distributed' || (env.ASTRON_SERVICE_TOKEN && env.ASTRON_ENCRYPTION_KEY)) {
    return {
      serviceToken: env.ASTRON_SERVICE_TOKEN ?? '',
      encryptionKey: env.ASTRON_ENCRYPTION_KEY ?? '',
      encryptionKeyId: env.ASTRON_ENCRYPTION_KEY_ID ?? 'k1',
      oldEncryptionKeys: env.ASTRON_ENCRYPTION_OLD_KEYS,
    };
  }
  return embeddedSecrets(dataDir);
}
