import { z } from 'zod';
import type { AppRecord } from '../store/apps-store.js';
import type { CredentialView } from '../domain/credentials.js';

export const appSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.string(),
  devId: z.number().nullable(),
  cloudId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const credentialSchema = z.object({
  apiKey: z.string(),
  appId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export const issuedCredentialSchema = credentialSchema.extend({ apiSecret: z.string(), bearerToken: z.string() });

export const errorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

const name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const description = z.string().max(512, 'must be at most 512 characters');

export const newAppSchema = z.object({
  name,
  description: description.optional(),
  devId: z.number().int().positive().optional(),
  cloudId: z.string().max(128).optional(),
});

export const appChangesSchema = z
  .object({ name: name.optional(), description: description.optional(), cloudId: z.string().max(128).optional() })
  .refine((value) => Object.keys(value).length > 0, 'name at least one of name, description, cloudId');

export const appIdParams = z.object({ appId: z.string().min(1).max(64) });

export function appView(app: AppRecord): z.infer<typeof appSchema> {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    source: app.source,
    devId: app.devId,
    cloudId: app.cloudId,
    disabled: app.disabled,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

export function credentialView(credential: CredentialView): z.infer<typeof credentialSchema> {
  return {
    apiKey: credential.apiKey,
    appId: credential.appId,
    name: credential.name,
    createdAt: credential.createdAt.toISOString(),
    revokedAt: credential.revokedAt?.toISOString() ?? null,
    lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
  };
}
