import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { cappedProblems, fieldPath, jsonPointer, MAX_FIELD_PROBLEMS, type FieldProblem } from '@culturebridge/domain';
import { bodyLimit } from './middlewares.js';
import { withMoreProblems } from './parse.js';
import { HttpProblem, invalidFields } from './problem.js';

type Middleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** How much of a name that was sent a problem echoes. */
const ECHOED = 100;

/**
 * What is wrong with a query as a whole, before anything reads a parameter: each parameter sent
 * more than once (`duplicate`: URLSearchParams.get reads the first, a proxy or cache in front may
 * read the last) and each one `accepted` does not name (`unknown_field`: a misspelt `limt` would
 * otherwise be answered with the default). One problem per name, in the order sent, named as the
 * readers name a bad value (`field` and `pointer` the parameter, `params.key` its name).
 */
export function queryProblems(rawQuery: string | undefined, accepted: readonly string[]): FieldProblem[] {
  const sent = new Map<string, number>();
  for (const [name] of new URLSearchParams(rawQuery ?? '')) sent.set(name, (sent.get(name) ?? 0) + 1);
  return withMoreProblems(
    [],
    [...sent].flatMap(([name, times]): FieldProblem[] => {
      const key = name.slice(0, ECHOED);
      const at = { field: key, pointer: jsonPointer([key]), params: { key } };
      if (!accepted.includes(name)) return [{ ...at, code: 'unknown_field', detail: accepted.length ? `${key} is not a parameter of this route; it reads ${accepted.join(', ')}` : `${key}: this route reads no query parameter` }];
      return times > 1 ? [{ ...at, code: 'duplicate', detail: `${key} is sent ${times} times; send it once` }] : [];
    }),
  );
}

/** Refuses a request whose query repeats a parameter or sends one not in `accepted` (queryProblems), with one 400 naming each. */
export function queryShape(accepted: readonly string[] = []): Middleware {
  return {
    before: (request) => {
      const problems = queryProblems(request.event.rawQueryString, accepted);
      if (problems.length > 0) throw invalidFields(problems);
    },
  };
}

const unsupported = (detail: string, problem: Record<string, unknown>) => new HttpProblem(415, 'Unsupported media type', detail, 'about:blank', { errors: [{ detail, ...problem }] });

/** The body as sent (base64 decoded), or undefined when there is none (an empty body is none). */
function sentBody(event: APIGatewayProxyEventV2): string | undefined {
  const { body, isBase64Encoded } = event;
  const text = body && isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  return text ? text : undefined;
}

/**
 * Why `contentType` is not JSON as this API takes it, or undefined when it is: `application/json`
 * in any case (RFC 9110 §8.3.1), with no parameter but `charset=utf-8` (RFC 8259 §8.1: JSON between
 * systems is UTF-8). A `+json` type is refused, not read as JSON: `application/merge-patch+json`
 * means "change only these fields", which a PUT read as plain JSON would take as the whole profile.
 */
function mediaTypeProblem(contentType: string | undefined): HttpProblem | undefined {
  if (contentType === undefined) return unsupported('Content-Type is missing: send the body with Content-Type: application/json', { field: 'Content-Type', code: 'required' });
  const [type = '', ...parameters] = contentType.split(';');
  const utf8 = parameters.every((p) => {
    const [name = '', value = ''] = p.split('=').map((s) => s.trim().toLowerCase());
    return (name === '' && value === '') || (name === 'charset' && (value === 'utf-8' || value === '"utf-8"'));
  });
  if (type.trim().toLowerCase() === 'application/json' && utf8) return undefined;
  return unsupported(`Content-Type ${contentType.slice(0, 60)} is not taken: send the body as JSON with Content-Type: application/json (charset utf-8, if any)`, {
    field: 'Content-Type',
    code: 'unknown_value',
    params: { value: contentType.slice(0, ECHOED) },
  });
}

const header = (event: APIGatewayProxyEventV2, name: string) => Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

const bodyProblem = (code: FieldProblem['code'], detail: string, params?: FieldProblem['params']): FieldProblem => ({ field: '(body)', pointer: '#', code, detail, ...(params ? { params } : {}) });

/** Thrown by the reviver for a key that could reach Object.prototype. */
class ForbiddenKey {
  constructor(readonly key: string) {}
}

/**
 * The keys an object of `text` (valid JSON) holds more than once, each named by its path
 * (`preference.mode`) with `params.key`. JSON.parse keeps the last; a proxy or WAF in front may
 * check the first, so a body that says two things is refused. One pass over the text.
 */
export function duplicateKeys(text: string): FieldProblem[] {
  // Only the problems an answer names are built (a path is as long as the body is deep); the rest are counted.
  const found: FieldProblem[] = [];
  let repeats = 0;
  // One frame per open object or array: the keys an object has shown, and the key or index of the value read now.
  const open: { keys?: Set<string>; at: string | number }[] = [];
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = open.at(-1);
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.keys && keyNext) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key) && ++repeats <= MAX_FIELD_PROBLEMS) {
          const path = [...open.map((f) => f.at).slice(0, -1), key];
          found.push({ field: fieldPath(path), pointer: jsonPointer(path), code: 'duplicate', detail: `the key ${key.slice(0, 60)} is sent more than once; send it once`, params: { key: key.slice(0, ECHOED) } });
        }
        top.keys.add(key);
        top.at = key;
        keyNext = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      open.push(c === '{' ? { keys: new Set(), at: '' } : { at: 0 });
      keyNext = c === '{';
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',' && top) {
      if (top.keys) keyNext = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return cappedProblems(found, repeats);
}

/**
 * The JSON body of a route that takes one, checked in this order, each a problem naming what is
 * wrong: larger than `maxBytes` (413), none sent (400 `(body)` required), Content-Type not
 * `application/json` (415 naming it, see mediaTypeProblem), not JSON (400 `(body)` invalid; RFC
 * 9110 §15.5.16 keeps 415 for the media type), nested too deep for the parser (400), a key that
 * could reach Object.prototype (`__proto__`, `constructor` with `prototype`: 400 unknown_field), a
 * key an object holds twice (400 duplicate, see duplicateKeys). Leaves the parsed body in `event.body`.
 */
export function jsonBody(maxBytes: number): Middleware[] {
  return [
    bodyLimit(maxBytes),
    {
      before: (request) => {
        const event = request.event;
        const text = sentBody(event);
        if (text === undefined) throw invalidFields([bodyProblem('required', 'send a JSON body with Content-Type: application/json')]);
        const wrongType = mediaTypeProblem(header(event, 'content-type'));
        if (wrongType) throw wrongType;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text, (key, value: unknown) => {
            if (key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && Object.hasOwn(value, 'prototype'))) throw new ForbiddenKey(key);
            return value;
          });
        } catch (error) {
          if (error instanceof ForbiddenKey) throw invalidFields([bodyProblem('unknown_field', `the body holds the key "${error.key}", which no field has`, { key: error.key })]);
          // Valid JSON nested thousands deep overflows the reviver: a client's mistake, but not "not JSON".
          if (error instanceof RangeError) throw new HttpProblem(400, 'Bad request', 'The body nests objects or arrays too deeply; no field of this API nests more than a few levels.');
          throw invalidFields([bodyProblem('invalid', 'the body is not valid JSON: check quotes, commas and brackets')]);
        }
        const twice = duplicateKeys(text);
        if (twice.length > 0) throw invalidFields(twice);
        (event as { body: unknown }).body = parsed;
      },
    },
  ];
}

/** A route that takes no body (GET, DELETE, a POST action) answers one sent with 415 naming `(body)`: what it said would be dropped unread. */
export function noBody(): Middleware {
  return {
    before: (request) => {
      if (sentBody(request.event) !== undefined) throw unsupported('this route takes no body; send the request without one', { field: '(body)', pointer: '#', code: 'invalid' });
    },
  };
}
