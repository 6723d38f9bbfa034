import { AppError } from '@astron/kit/errors';
import type { DocumentStatus } from './types.js';

/**
 * RAGFlow's codes for a rejected API key: 109 (AUTHENTICATION_ERROR, with HTTP 200) up to v0.24, which
 * astron-agent deployed; 401 (with HTTP 401) from v0.26.
 */
const authenticationCodes = new Set([109, 401]);
// EXCEPTION_ERROR, CONNECTION_ERROR and SERVER_ERROR: RAGFlow's own trouble, worth another try.
const transientCodes = new Set([100, 105, 500]);

/**
 * RAGFlow answered, but not with success: its envelope's non-zero `code` and `message`, or
 * (`ragflowCode` undefined) a body that is not its envelope, e.g. a proxy's error page. A failure of
 * the RAGFlow server the operator configured, so a 502 to our callers whatever RAGFlow said.
 */
export class RagflowError extends AppError {
  readonly ragflowCode: number | undefined;
  readonly ragflowMessage: string;
  readonly httpStatus: number;

  /** `request` names what was asked, e.g. `POST /api/v1/datasets`, for the message. */
  constructor(options: {
    ragflowCode: number | undefined;
    ragflowMessage: string;
    httpStatus: number;
    request: string;
  }) {
    const { ragflowCode, ragflowMessage, httpStatus, request } = options;
    const rejectedToken = ragflowCode !== undefined && authenticationCodes.has(ragflowCode);
    let message = `RAGFlow refused ${request}: ${ragflowMessage} (code ${ragflowCode})`;
    if (rejectedToken) message = `RAGFlow rejected the API token (RAGFLOW_API_TOKEN): ${ragflowMessage}`;
    if (ragflowCode === undefined) message = `RAGFlow answered ${request} unreadably: ${ragflowMessage}`;
    super({
      code: rejectedToken
        ? 'ragflow_unauthorized'
        : ragflowCode === undefined
          ? 'ragflow_bad_response'
          : 'ragflow_error',
      status: 502,
      retryable: httpStatus >= 500 || (ragflowCode !== undefined && transientCodes.has(ragflowCode)),
      message,
      details: { ragflowCode, httpStatus },
    });
    this.name = 'RagflowError';
    this.ragflowCode = ragflowCode;
    this.ragflowMessage = ragflowMessage;
    this.httpStatus = httpStatus;
  }
}

/** The RAGFlow server took longer than RAGFLOW_TIMEOUT to answer one request. */
export class RagflowTimeoutError extends AppError {
  constructor(baseUrl: string, timeoutMs: number) {
    super({
      code: 'ragflow_timeout',
      status: 504,
      retryable: true,
      message: `the RAGFlow server at ${baseUrl} did not answer within ${timeoutMs / 1000} s`,
    });
    this.name = 'RagflowTimeoutError';
  }
}

/** No connection to the RAGFlow server: refused, unknown host, reset. */
export class RagflowUnreachableError extends AppError {
  constructor(baseUrl: string, reason: string, cause: unknown) {
    super({
      code: 'ragflow_unreachable',
      status: 502,
      retryable: true,
      message: `RAGFlow at ${baseUrl} is unreachable (${reason})`,
      cause,
    });
    this.name = 'RagflowUnreachableError';
  }
}

/** A document's parsing in RAGFlow ended without chunks (FAIL or CANCEL), or did not end in time. */
export class RagflowParsingError extends AppError {
  readonly documentStatus: DocumentStatus;

  constructor(
    kind: 'failed' | 'cancelled' | 'timeout',
    documentId: string,
    documentStatus: DocumentStatus,
    waitedMs = 0,
  ) {
    const messages = {
      failed: `RAGFlow failed to parse document ${documentId}: ${documentStatus.message ?? 'no reason given'}`,
      cancelled: `the parsing of document ${documentId} was cancelled in RAGFlow`,
      timeout: `RAGFlow did not finish parsing document ${documentId} within ${waitedMs / 1000} s (last: ${documentStatus.status}, ${Math.round(documentStatus.progress * 100)}%)`,
    };
    super({
      code: `ragflow_parsing_${kind}`,
      status: { failed: 422, cancelled: 409, timeout: 504 }[kind],
      retryable: kind === 'timeout',
      message: messages[kind],
      details: { documentStatus },
    });
    this.name = 'RagflowParsingError';
    this.documentStatus = documentStatus;
  }
}
