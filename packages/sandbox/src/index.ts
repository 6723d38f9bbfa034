export { createSandboxPool } from './pool.js';
export { sandboxEnvShape, sandboxOptionsFromEnv, type SandboxEnv } from './config.js';
export { CODE_ERROR_CODES, isCodeErrorCode, type CodeErrorCode } from './errors.js';
export {
  SANDBOX_LANGUAGES,
  type SandboxLanguage,
  type SandboxLanguageStats,
  type SandboxLogger,
  type SandboxPool,
  type SandboxPoolOptions,
  type SandboxRunRequest,
  type SandboxRunResult,
  type SandboxStats,
} from './types.js';
