import type middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LostEveryAttempt, UnprocessedAfterRetries } from '@culturebridge/store';
import { bodyTooLarge, HttpProblem, keptChanging } from './problem.js';

type Request = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * Rejects an oversize body before anything parses it. Written here because no middy middleware
 * limits body size; API Gateway's own limit (10 MB) is far above what a profile needs.
 */
export function bodyLimit(maxBytes: number): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: (request: Request) => {
      const { body, isBase64Encoded } = request.event;
      if (body === undefined) return;
      const bytes = isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body, 'utf8');
      if (bytes > maxBytes) {
        throw bodyTooLarge(maxBytes, bytes);
      }
    },
  };
}

interface MiddyHttpError extends Error {
  statusCode: number;
  expose?: boolean;
}

/** The SDK already retried these with backoff; the client may try again shortly. */
function isThrottle(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean }; CancellationReasons?: { Code?: string }[] };
  return (
    // DynamoDB's capacity was short for part of a batch on every round (see the store's batch.ts).
    error instanceof UnprocessedAfterRetries ||
    Boolean(e?.$retryable?.throttling) ||
    ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException'].includes(e?.name ?? '') ||
    // A transaction cancelled only because DynamoDB throttled one of its items.
    (e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ThrottlingError'))
  );
}

/** A cancelled transaction's reason codes, for the log; never its items (they may hold personal data). */
function cancellationCodes(error: unknown): { reasons?: string[] } {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] } | undefined)?.CancellationReasons;
  return Array.isArray(reasons) ? { reasons: reasons.map((r) => r.Code ?? 'None') } : {};
}

function isMiddyHttpError(error: unknown): error is MiddyHttpError {
  return error instanceof Error && typeof (error as MiddyHttpError).statusCode === 'number';
}

const MIDDY_TITLES: Record<number, string> = {
  404: 'Not found',
  405: 'Method not allowed',
};

const MIDDY_DETAILS: Record<number, string> = {
  404: 'There is no such route. See docs/api.md for the routes this API has.',
};

/**
 * Renders every failure as RFC 9457 problem+json. Client mistakes keep their 4xx status; anything
 * unexpected is logged (without the request body, which may hold personal data) and becomes a
 * 500 that reveals nothing internal.
 */
export function problemDetails(logger: Logger): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request: Request) => {
      const { error } = request;
      let problem: HttpProblem;
      if (error instanceof HttpProblem) {
        problem = error;
      } else if (isMiddyHttpError(error) && error.statusCode >= 400 && error.statusCode < 500) {
        // The router's 404 and 405; a request body is checked (and parsed) by jsonBody, which throws HttpProblems.
        problem = new HttpProblem(error.statusCode, MIDDY_TITLES[error.statusCode] ?? 'Bad request', MIDDY_DETAILS[error.statusCode] ?? error.message);
      } else if (error instanceof LostEveryAttempt) {
        // A store method retried its transaction and lost to other writes each time: not a failure
        // of ours, the same request again may land. Only a store method that decided again and lost
        // every time says so; a cancellation nobody retried is a 500 below (codes only in the log).
        logger.warn('a write lost its race on every attempt', { error: error.name, operation: error.operation, attempts: error.attempts, reasons: error.reasons });
        problem = keptChanging();
      } else if (isThrottle(error)) {
        logger.warn('request throttled by a dependency', { error: (error as Error).name, ...cancellationCodes(error) });
        problem = new HttpProblem(503, 'Busy', 'The service is busy right now. Please retry in a moment.', 'about:blank', {}, { 'retry-after': '1' });
      } else {
        logger.error('request failed', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error), ...cancellationCodes(error) });
        problem = new HttpProblem(500, 'Internal error', 'Something went wrong on our side. Please try again later.');
      }
      if (problem.status >= 400 && problem.status < 500) {
        logger.info('request refused', { status: problem.status, title: problem.title });
      }
      // A failure on our side names its Lambda request id (an RFC 9457 extension member), which
      // every log line of the request carries: what a member quotes to support finds the failure.
      const requestId = problem.status >= 500 ? (request.context as { awsRequestId?: string } | undefined)?.awsRequestId : undefined;
      request.response = {
        statusCode: problem.status,
        headers: { 'content-type': 'application/problem+json', ...problem.headers, ...(request.response?.headers ?? {}) },
        body: JSON.stringify({ ...problem.toBody(request.event.rawPath), ...(requestId ? { requestId } : {}) }),
      };
    },
  };
}
