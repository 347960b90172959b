import type { FieldProblem, ProblemTypeUri } from '@culturebridge/domain';
import { markSignedOut, sessionState } from '../auth/session-store';
import { rememberDestination } from '../auth/destination';
import { currentRoute, navigate } from '../router';

/** An RFC 9457 problem the API answered (or, for `status` 0, the network failing). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldProblem[],
    /** The problem's other members (RFC 9457 extensions), e.g. `maxBytes` of a 413. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }

  is(type: ProblemType): boolean {
    return this.type.endsWith(type);
  }
}

/** Any failure as a problem a page can show: the API's own, else the thrown error under `title` (status 0). */
export function asProblem(error: unknown, title: string): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem(0, 'about:blank', title, String(error), []);
}

/** What a page can be told: the API's problem types, or that the API could not be reached. */
export type ProblemType = ProblemTypeUri | typeof UNREACHABLE;

/** Thrown once the session turned out to be gone; the app is already on its way to the sign-in page. */
export class SessionLost extends Error {
  constructor() {
    super('The session has expired');
    this.name = 'SessionLost';
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /**
   * What a lost session means: `send` (routes that need one) goes to the sign-in page; `probe`
   * (asking whether we are signed in) only marks the browser signed out and throws.
   */
  session?: 'send' | 'probe';
}

/**
 * Same origin as the app: the local server and CloudFront both forward the API's paths, and the
 * browser adds the session cookie (HttpOnly, so the page never sees it) by itself.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const wasSignedIn = sessionState() === 'signed-in';
  const response = await send(method, path, body);
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;

  const problem = await toProblem(response);
  if (!meansSessionLost(problem)) throw problem;
  if (options.session === 'probe') {
    markSignedOut();
    throw new SessionLost();
  }
  sessionLost(wasSignedIn ? 'expired' : 'required');
  throw new SessionLost();
}

/** The problem type of a request that never reached the API (offline, DNS); the page words it in the reader's language. */
export const UNREACHABLE = 'urn:culturebridge:problem:unreachable';

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiProblem(0, UNREACHABLE, 'CultureBridge cannot be reached', 'Check your connection and try again.', []);
  }
}

/** Our problems, and API Gateway's bare `{message}` answers from its authorizer, as one shape. */
async function toProblem(response: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]).filter((e) => typeof e?.field === 'string' && typeof e.detail === 'string') : [];
  const { type: _type, title: _title, status: _status, detail: _detail, errors: _errors, message: _message, ...extensions } = body;
  return new ApiProblem(response.status, text('type') ?? 'about:blank', text('title') ?? text('message') ?? response.statusText, text('detail'), errors, extensions);
}

/**
 * 401 means no valid session; so does API Gateway's bare 403 for an expired or altered one. Our own
 * 403 (`/problems/forbidden`) is a refusal to a valid session, and an invalid magic-link token is a
 * problem of the link, not of a session.
 */
function meansSessionLost(problem: ApiProblem): boolean {
  if (problem.status === 401) return !problem.is('/problems/invalid-token');
  return problem.status === 403 && !problem.is('/problems/forbidden');
}

/** The session ended (or was never there): signed out here, and to sign-in, saying why, coming back here after. */
export function sessionLost(reason: 'expired' | 'required'): void {
  markSignedOut();
  rememberDestination(currentRoute());
  navigate(`/sign-in?reason=${reason}`);
}

/** A text download from the API (iCalendar, CSV) with the session, problems handled as for JSON. */
export async function apiText(path: string): Promise<string> {
  return (await apiDownload(path)).text();
}

/**
 * A file from the API (CSV, XLSX, iCalendar) with the session: the answer when it succeeded; an
 * ApiProblem when the API refused, so that the page words it in its reader's language.
 */
export async function apiDownload(path: string): Promise<Response> {
  const wasSignedIn = sessionState() === 'signed-in';
  const response = await send('GET', path, undefined);
  if (response.ok) return response;
  const problem = await toProblem(response);
  if (!meansSessionLost(problem)) throw problem;
  sessionLost(wasSignedIn ? 'expired' : 'required');
  throw new SessionLost();
}
