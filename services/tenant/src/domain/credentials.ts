import { randomBytes } from 'node:crypto';
import type { Keyring } from '@astron/kit/crypto';
import { notFound } from '@astron/kit/errors';
import type { appsStore } from '../store/apps-store.js';
import type { CredentialRecord, credentialsStore } from '../store/credentials-store.js';
import type { KeyDirectory } from './key-directory.js';

type AppsStore = ReturnType<typeof appsStore>;
type CredentialsStore = ReturnType<typeof credentialsStore>;

/** A credential as every API shows it after creation: never its secret. */
export interface CredentialView {
  apiKey: string;
  appId: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface IssuedCredential extends CredentialView {
  /** Shown once, in the creation response; stored only sealed with the platform key. */
  apiSecret: string;
  /** `Authorization: Bearer <bearerToken>` for clients that do not sign requests. */
  bearerToken: string;
}

export const BEARER_SEPARATOR = '.';

export function view(record: CredentialRecord): CredentialView {
  return {
    apiKey: record.apiKey,
    appId: record.appId,
    name: record.name,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
    lastUsedAt: record.lastUsedAt,
  };
}

export function credentialsDomain(apps: AppsStore, credentials: CredentialsStore, keyring: Keyring, directory: KeyDirectory) {
  async function requireApp(spaceId: string, appId: string): Promise<void> {
    if ((await apps.find(spaceId, appId)) === null) throw notFound('app', appId);
  }

  return {
    async issue(spaceId: string, appId: string, name: string | undefined): Promise<IssuedCredential> {
      await requireApp(spaceId, appId);
      const apiKey = randomBytes(16).toString('hex');
      const apiSecret = randomBytes(24).toString('base64url');
      const record: CredentialRecord = {
        apiKey,
        appId,
        spaceId,
        name: name ?? 'default',
        secretSealed: keyring.encrypt(apiSecret),
        createdAt: new Date(),
        revokedAt: null,
        lastUsedAt: null,
      };
      await credentials.insert(record);
      return { ...view(record), apiSecret, bearerToken: `${apiKey}${BEARER_SEPARATOR}${apiSecret}` };
    },

    async list(spaceId: string, appId: string): Promise<CredentialView[]> {
      await requireApp(spaceId, appId);
      return (await credentials.listForApp(spaceId, appId)).map(view);
    },

    async revoke(spaceId: string, appId: string, apiKey: string): Promise<void> {
      await requireApp(spaceId, appId);
      if (!(await credentials.revoke(spaceId, appId, apiKey, new Date()))) throw notFound('active key', apiKey);
      await directory.forget([apiKey]);
    },
  };
}
