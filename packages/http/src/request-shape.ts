import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jsonPointer, type FieldProblem } from '@culturebridge/domain';
import { withMoreProblems } from './parse.js';
import { invalidFields } from './problem.js';

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
