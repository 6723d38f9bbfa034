export type { ObjectBody, ObjectInfo, ObjectStore } from './types.js';
export { LocalStore, type LocalStoreOptions } from './local-store.js';
export { S3Store, type S3StoreOptions } from './s3-store.js';
export { createObjectStore, type ObjectStoreConfig } from './create-object-store.js';
export {
  signLocalUrl,
  verifyLocalSignedRequest,
  verifyLocalSignedUrl,
  type LocalSigning,
} from './local-signing.js';
export {
  assertValidExpiry,
  assertValidKey,
  assertValidPrefix,
  DEFAULT_CONTENT_TYPE,
  MAX_KEY_BYTES,
  MAX_SEGMENT_BYTES,
  MAX_SIGNED_URL_SECONDS,
} from './keys.js';
