export { createKeyring, type Keyring, type KeyringOptions } from './keyring.js';
export { randomId, randomSecret, safeEqual, sha256Hex } from './random.js';
export { signServiceToken, verifyServiceToken, type ServiceClaims } from './service-token.js';
