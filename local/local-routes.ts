/**
 * `/_local/…`: what an operator of `npm start` needs besides the API. Wiring only.
 * - GET  /_local/events[?detail-type=&source=]        the event log
 * - GET  /_local/dead-letters                          the bus's and the stream's dead letters
 * - POST /_local/dead-letters/{id}/redrive             delivers a bus dead letter again
 * - POST /_local/dead-letters/redrive                  … every bus dead letter
 * - POST /_local/run-digests[?at=<ISO time>][&due=now]  the hourly digest run (due=now: every pending digest, whatever the hour)
 * - POST /_local/run-expiry[?at=<ISO time>]            the hourly expiry sweep (reminders and expiries)
 * - POST /_local/settle                                answers once the stream, the bus and its targets are idle
 */
import type { LocalEventBridge } from './eventbridge/index.js';
import { invalidFields, queryProblems } from '@culturebridge/http';
import { problemAnswer, problemResult, type ApiHandler } from './http-server.js';
import type { FailureRecord } from './stream-poller.js';

export interface LocalRoutesDeps {
  eventBridge: LocalEventBridge;
  streamDeadLetters: () => readonly FailureRecord[];
  runDigests: (at: Date, options?: { sendPendingNow?: boolean }) => Promise<unknown>;
  runExpirySweep: (at: Date) => Promise<unknown>;
  settle: () => Promise<void>;
}

/** The query parameters each route reads (a redrive reads none). */
const QUERIES = new Map<string, readonly string[]>([
  ['/_local/events', ['detail-type', 'source']],
  ['/_local/dead-letters', []],
  ['/_local/settle', []],
  ['/_local/run-digests', ['at', 'due']],
  ['/_local/run-expiry', ['at']],
]);

const ok = (body: unknown) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, null, 2) });
const methodNotAllowed = (allow: string) => problemResult(405, 'Method not allowed', `Use ${allow}.`, { allow });

export function localRoutes(deps: LocalRoutesDeps): ApiHandler {
  return async (event) => {
    const method = event.requestContext.http.method;
    const params = new URLSearchParams(event.rawQueryString);
    const path = event.rawPath.replace(/(?<!\/)\/+$/, '');
    const redrive = /^\/_local\/dead-letters\/(?:([^/]+)\/)?redrive$/.exec(path);
    // A parameter sent twice, or one the route does not read, is named in a 400, as the API names it.
    const accepted = redrive ? [] : QUERIES.get(path);
    const problems = accepted ? queryProblems(event.rawQueryString, accepted) : [];
    if (problems.length > 0) return problemAnswer(invalidFields(problems));
    if (path === '/_local/events') {
      if (method !== 'GET') return methodNotAllowed('GET');
      const events = deps.eventBridge.events
        .filter((e) => !params.get('detail-type') || e.event['detail-type'] === params.get('detail-type'))
        .filter((e) => !params.get('source') || e.event.source === params.get('source'));
      return ok({ events });
    }
    if (path === '/_local/dead-letters') {
      if (method !== 'GET') return methodNotAllowed('GET');
      return ok({ deadLetters: deps.eventBridge.deadLetters, streamDeadLetters: deps.streamDeadLetters() });
    }
    if (redrive) {
      if (method !== 'POST') return methodNotAllowed('POST');
      const ids = redrive[1] ? [decodeURIComponent(redrive[1])] : deps.eventBridge.deadLetters.map((d) => d.id);
      const redriven = ids.filter((id) => deps.eventBridge.redrive(id));
      if (redrive[1] && redriven.length === 0) return problemResult(404, 'Not found', 'No dead letter with this id can be redriven.');
      return ok({ redriven });
    }
    if (path === '/_local/settle') {
      if (method !== 'POST') return methodNotAllowed('POST');
      await deps.settle();
      return ok({ settled: true, events: deps.eventBridge.events.length, deadLetters: deps.eventBridge.deadLetters.length });
    }
    if (path === '/_local/run-digests' || path === '/_local/run-expiry') {
      if (method !== 'POST') return methodNotAllowed('POST');
      const at = params.get('at') ? new Date(String(params.get('at'))) : new Date();
      if (Number.isNaN(at.getTime())) return problemResult(400, 'Invalid query parameter', 'at: expected an ISO 8601 date-time.');
      if (path === '/_local/run-expiry') return ok(await deps.runExpirySweep(at));
      const due = params.get('due');
      if (due !== null && due !== 'now') return problemResult(400, 'Invalid query parameter', 'due: expected "now" or nothing.');
      return ok(await deps.runDigests(at, { sendPendingNow: due === 'now' }));
    }
    return problemResult(404, 'Not found', `Nothing is served at ${event.rawPath}.`);
  };
}
