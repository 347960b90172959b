import { LocaleSchema, quoted, type FieldProblem, type Locale } from '@culturebridge/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The language a route is asked to answer in (`?locale=`): `{}` when none is sent, `{ locale }` for
 * one the app speaks, or `{ problem }` naming `locale` (unknown_value) for any other, which the
 * route answers in its one 400 with the rest of what is wrong.
 */
export function localeQuery(event: APIGatewayProxyEventV2): { locale?: Locale; problem?: FieldProblem } {
  const asked = new URLSearchParams(event.rawQueryString ?? '').get('locale');
  if (asked === null) return {};
  const locale = LocaleSchema.safeParse(asked);
  if (locale.success) return { locale: locale.data };
  return { problem: { field: 'locale', pointer: '#/locale', code: 'unknown_value', detail: 'locale: not a language the app speaks', params: { value: quoted(asked) } } };
}
