import { LocalStore, type LocalStoreOptions } from './local-store.js';
import { S3Store, type S3StoreOptions } from './s3-store.js';

export type ObjectStoreConfig = ({ kind: 'local' } & LocalStoreOptions) | ({ kind: 's3' } & S3StoreOptions);

/**
 * The store a configuration names. The concrete type is returned so that start-up code can call
 * S3Store.ensureBucket(); everything else should hold it as an ObjectStore.
 */
export function createObjectStore(config: { kind: 'local' } & LocalStoreOptions): LocalStore;
export function createObjectStore(config: { kind: 's3' } & S3StoreOptions): S3Store;
export function createObjectStore(config: ObjectStoreConfig): LocalStore | S3Store;
export function createObjectStore(config: ObjectStoreConfig): LocalStore | S3Store {
  return config.kind === 'local' ? new LocalStore(config) : new S3Store(config);
}
