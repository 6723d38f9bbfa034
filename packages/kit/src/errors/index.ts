export { AppError, isAppError, type AppErrorOptions } from './app-error.js';
export {
  badRequest,
  conflict,
  forbidden,
  notFound,
  payloadTooLarge,
  tooManyRequests,
  unauthorized,
  unavailable,
  validationFailed,
} from './families.js';
