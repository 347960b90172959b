import type { TFunction } from 'i18next';
import type { Locale, MatchState } from '@culturebridge/domain';
import { UNREACHABLE, type ApiProblem } from '../api/client';
import { dateTimeFormat } from '../i18n/date-time';

/**
 * What people read for a problem the API (or API Gateway, or a proxy) answered, in their language.
 * The API's title and detail are English and written for developers, so no status shows them: each
 * known problem type has its own words, and every other answer the words of its status (class).
 */
export function explainProblem(problem: ApiProblem, t: TFunction, locale: Locale, now = new Date()): { title: string; detail: string; reference?: string } {
  const { requestId } = problem.extensions;
  const shown = explanation(problem, t, locale, now);
  // A failure on our side names its request id: what a member passes on finds it in the logs.
  return problem.status >= 500 && typeof requestId === 'string' && requestId ? { ...shown, reference: t('problem.reference', { id: requestId }) } : shown;
}

function explanation(problem: ApiProblem, t: TFunction, locale: Locale, now: Date): { title: string; detail: string } {
  const words = (key: string) => ({ title: t(`problem.${key}.title`), detail: t(`problem.${key}.detail`) });
  // A member list's row changed by someone else meanwhile: the same words; the import page adds how far it got.
  if (problem.is('/problems/version-conflict') || problem.is('/problems/import-row-changed')) return words('conflict');
  if (problem.is('/problems/rate-limited')) return rateLimited(problem, t, locale, now);
  if (problem.is('/problems/forbidden')) return words('forbidden');
  if (problem.is('/problems/invalid-token')) return words('invalidToken');
  if (problem.is('/problems/match-state')) return matchState(problem, t);
  if (problem.is('/problems/meeting-cancelled')) return words('meetingCancelled');
  if (problem.is('/problems/meeting-over')) return words('meetingOver');
  if (problem.is('/problems/meeting-needs-coordinator')) return words('meetingNeedsCoordinator');
  if (problem.is('/problems/meeting-under-way')) return words('meetingUnderWay');
  if (problem.is('/problems/meeting-exists')) return words('meetingExists');
  if (problem.is(UNREACHABLE)) return words('unreachable');
  switch (problem.status) {
    // Thrown by the page itself (an unexpected error): its message is all there is to say.
    case 0: return { title: t('problem.generic'), detail: problem.detail ?? t('problem.serverError.detail') };
    case 401: return words('signInRequired');
    case 403: return words('forbidden');
    case 404: return words('notFound');
    case 409: return words('otherConflict');
    case 410: return words('gone');
    case 413: return tooLarge(problem, t, locale);
    case 415: return words('unsupported');
    case 429: return words('tooManyRequests');
    case 503: return words('busy');
  }
  if (problem.status >= 500) return words('serverError');
  return words('badRequest');
}

/**
 * Too many sign-in links: from when a new one may be asked for, read from the answer's
 * `retryAfterSeconds` (up to 15 minutes for a mailbox, up to a day for a client network's daily
 * cap), as a time of day, with the day when it is more than 12 hours away; "wait a few minutes"
 * when the answer does not say.
 */
function rateLimited(problem: ApiProblem, t: TFunction, locale: Locale, now: Date): { title: string; detail: string } {
  const seconds = problem.extensions.retryAfterSeconds;
  if (typeof seconds !== 'number' || !(seconds > 0)) return { title: t('problem.rateLimited.title'), detail: t('problem.rateLimited.detail') };
  const options: Intl.DateTimeFormatOptions = seconds > 12 * 3600 ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' };
  const time = dateTimeFormat(locale, options).format(new Date(now.getTime() + seconds * 1000));
  return { title: t('problem.rateLimited.title'), detail: t('problem.rateLimited.detailUntil', { time }) };
}

/** A 413 names its limit when the answer carries one (`maxBytes`: ours do, API Gateway's does not). */
function tooLarge(problem: ApiProblem, t: TFunction, locale: Locale): { title: string; detail: string } {
  const { maxBytes } = problem.extensions;
  if (typeof maxBytes !== 'number' || !(maxBytes > 0)) return { title: t('problem.tooLarge.title'), detail: t('problem.tooLarge.detail') };
  // Intl itself, not numberFormat: its stand-in locales would write the unit in their own words and script (Uzbek 'МБ').
  const limit = new Intl.NumberFormat(locale, { style: 'unit', unit: maxBytes >= 1024 * 1024 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 });
  const size = limit.format(maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) : maxBytes / 1024);
  return { title: t('problem.tooLarge.title'), detail: t('problem.tooLarge.detailWithLimit', { limit: size }) };
}

/** The state the match is in now (the 409's `state`) says why the answer was refused; the general words for a state this app does not know. */
function matchState(problem: ApiProblem, t: TFunction): { title: string; detail: string } {
  const { state } = problem.extensions;
  const known = MATCH_REFUSALS.some((refusal) => refusal === state);
  return { title: t('problem.matchState.title'), detail: known ? t(`problem.matchState.state.${state}`) : t('problem.matchState.detail') };
}

/** The states in which an answer can be refused (domain `answerMatch`). */
const MATCH_REFUSALS: readonly MatchState[] = ['withdrawn', 'expired', 'declined', 'confirmed'];
