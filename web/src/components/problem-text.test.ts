import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, DOMAIN_NAMESPACE, LOCALES, localeData, type Locale } from '@culturebridge/domain';
import { ApiProblem, UNREACHABLE } from '../api/client';
import { WEB_MESSAGES } from '../i18n/messages';
import { dateTimeFormat } from '../i18n/date-time';
import { explainProblem } from './problem-text';

function translator(locale: Locale): TFunction {
  const i18n = createInstance();
  void i18n.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: WEB_MESSAGES[l], [DOMAIN_NAMESPACE]: localeData(l).messages }])),
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

/** What the API (or API Gateway, or a proxy) answers for each status a page can meet, in English. */
const ANSWERS: readonly ApiProblem[] = [
  new ApiProblem(400, 'about:blank', 'Bad request', 'The body nests objects or arrays too deeply; no field of this API nests more than a few levels.', []),
  new ApiProblem(401, '/problems/invalid-token', 'Invalid or expired link', 'This sign-in link is unknown, expired or used.', []),
  new ApiProblem(401, '/problems/sign-in-required', 'Sign in first', 'This needs a session.', []),
  new ApiProblem(403, '/problems/forbidden', 'Not allowed', 'Only a coordinator of this network may approve requests.', []),
  new ApiProblem(404, 'about:blank', 'Not found', 'No profile with this id exists, or you may not see it.', []),
  new ApiProblem(409, '/problems/version-conflict', 'The profile was changed by someone else', 'You sent version 3.', []),
  new ApiProblem(409, '/problems/import-row-changed', 'A member changed during the import', 'the member in row 2 changed while the list was imported; import the list again: rows already done are left as they are.', [], { rowNumber: 2 }),
  new ApiProblem(409, '/problems/match-state', 'This match cannot be answered that way', 'a declined match cannot be accepted', []),
  new ApiProblem(409, '/problems/meeting-exists', 'Meeting exists', 'This plan was made and cancelled too often; change its name or day to plan it again.', []),
  new ApiProblem(409, 'about:blank', 'Conflict', undefined, []),
  new ApiProblem(410, '/problems/meeting-cancelled', 'Meeting cancelled', 'This meeting was cancelled at 2026-11-30T10:00:00Z (UTC).', []),
  new ApiProblem(410, 'about:blank', 'Gone', 'This is gone.', []),
  new ApiProblem(413, 'about:blank', 'Request body too large', 'At most 8388608 bytes are accepted here.', [], { maxBytes: 8388608 }),
  new ApiProblem(413, 'about:blank', 'Request Entity Too Large', undefined, []),
  new ApiProblem(415, 'about:blank', 'Unsupported media type', 'The body is not valid JSON. Check quotes, commas and brackets.', []),
  new ApiProblem(429, '/problems/rate-limited', 'Too many requests', 'Too many sign-in links for this mailbox.', []),
  new ApiProblem(429, 'about:blank', 'Too Many Requests', undefined, []),
  new ApiProblem(500, 'about:blank', 'Internal error', 'Something went wrong on our side. Please try again later.', []),
  new ApiProblem(502, 'about:blank', 'Bad Gateway', undefined, []),
  new ApiProblem(503, 'about:blank', 'Busy', 'The service is busy right now. Please retry in a moment.', []),
  new ApiProblem(503, '/problems/kept-changing', 'Kept changing', 'This match kept changing while your request was applied. Send the same request again in a moment.', []),
  new ApiProblem(504, 'about:blank', 'Endpoint request timed out', undefined, []),
  new ApiProblem(0, UNREACHABLE, 'CultureBridge cannot be reached', 'Check your connection and try again.', []),
];

describe('a problem the API answered, in the page\'s language', () => {
  const en = translator('en');

  it.each(LOCALES.filter((l) => l !== 'en'))('%s: every status has a translated title and explanation, never the API\'s English words', (locale) => {
    const t = translator(locale);
    for (const problem of ANSWERS) {
      const label = `${problem.status} ${problem.type}`;
      const shown = explainProblem(problem, t, locale);
      const reference = explainProblem(problem, en, 'en');
      expect(shown.title, label).not.toBe(problem.title);
      expect(shown.detail, label).toBeTruthy();
      expect(shown.detail, label).not.toBe(problem.detail);
      // Translated, not English: the reference language says something else.
      expect(shown.title, label).not.toBe(reference.title);
      expect(shown.detail, label).not.toBe(reference.detail);
    }
  });

  it('says from when a new sign-in link may be asked for, from the 429\'s retryAfterSeconds, not "wait a few minutes"', () => {
    // The wait is up to 15 minutes for a mailbox, and up to a day for a client network's daily cap.
    const now = new Date('2026-11-30T16:39:55Z');
    const limited = (seconds: number) => new ApiProblem(429, '/problems/rate-limited', 'Too many sign-in links', 'Too many sign-in links were asked for this address.', [], { retryAfterSeconds: seconds });
    const at = (locale: Locale, seconds: number, options: Intl.DateTimeFormatOptions) => dateTimeFormat(locale, options).format(new Date(now.getTime() + seconds * 1000));
    for (const locale of LOCALES) {
      const soon = explainProblem(limited(305), translator(locale), locale, now).detail;
      expect(soon, locale).toContain(at(locale, 305, { timeStyle: 'short' }));
      const tomorrow = explainProblem(limited(20 * 3600), translator(locale), locale, now).detail;
      expect(tomorrow, locale).toContain(at(locale, 20 * 3600, { dateStyle: 'medium', timeStyle: 'short' }));
    }
    expect(explainProblem(limited(305), en, 'en', now).detail).not.toContain('a few minutes');
  });

  it('names the size limit a 413 carries, as the reader writes sizes, and says nothing of one it lacks', () => {
    const [withLimit, withoutLimit] = ANSWERS.filter((p) => p.status === 413) as [ApiProblem, ApiProblem];
    const uk = explainProblem(withLimit, translator('uk'), 'uk');
    expect(uk.detail).toContain(new Intl.NumberFormat('uk', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(8));
    expect(uk.detail).not.toContain('8388608');
    expect(explainProblem(withLimit, en, 'en').detail).toContain('8 MB');
    expect(explainProblem(withoutLimit, en, 'en').detail).not.toMatch(/\d/);
  });

  it('says why a match cannot be answered from the state the 409 carries, in the reader\'s language', () => {
    const refused = (state: string) => new ApiProblem(409, '/problems/match-state', 'This match cannot be answered that way', 'refused', [], { state });
    const states = ['withdrawn', 'expired', 'declined', 'confirmed'];
    for (const locale of LOCALES) {
      const t = translator(locale);
      const details = states.map((state) => explainProblem(refused(state), t, locale).detail);
      // Each state its own explanation, none the generic one an unknown state gets.
      expect(new Set(details).size, locale).toBe(states.length);
      expect(details, locale).not.toContain(explainProblem(refused('something-new'), t, locale).detail);
    }
    expect(explainProblem(refused('expired'), en, 'en').detail).toMatch(/expired/);
  });

  it('tells a meeting that cannot be planned under its name and day again from any other conflict, in every language', () => {
    const exists = ANSWERS.find((p) => p.is('/problems/meeting-exists')) as ApiProblem;
    const other = new ApiProblem(409, 'about:blank', 'Conflict', undefined, []);
    for (const locale of LOCALES) {
      const t = translator(locale);
      expect(explainProblem(exists, t, locale).detail, locale).not.toBe(explainProblem(other, t, locale).detail);
    }
  });

  it('gives a failure on our side the reference the API names (its request id), and nothing else a reference', () => {
    const failed = new ApiProblem(500, 'about:blank', 'Internal error', 'Something went wrong on our side.', [], { requestId: '0b4c2a9e-5a55-4d1c-9a5e-3f4f2f3c2b10' });
    for (const locale of LOCALES) {
      const shown = explainProblem(failed, translator(locale), locale);
      expect(shown.reference, locale).toContain('0b4c2a9e-5a55-4d1c-9a5e-3f4f2f3c2b10');
      if (locale !== 'en') expect(shown.reference, locale).not.toBe(explainProblem(failed, en, 'en').reference);
    }
    for (const problem of ANSWERS) expect(explainProblem(problem, en, 'en').reference, `${problem.status}`).toBeUndefined();
  });
});
