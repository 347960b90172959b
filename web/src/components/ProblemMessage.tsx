import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { UNREACHABLE, type ApiProblem } from '../api/client';
import { problemCount } from '@culturebridge/domain';
import { fieldProblemMessage, namedProblems } from '../form/field-errors';
import { useLocale } from '../i18n/use-locale';

/** What people should read for the problems they can run into, in their language; the API's own (English) words otherwise. */
function explain(problem: ApiProblem, t: TFunction): { title: string; detail?: string } {
  if (problem.is('/problems/version-conflict')) return { title: t('problem.conflict.title'), detail: t('problem.conflict.detail') };
  if (problem.is('/problems/rate-limited')) return { title: t('problem.rateLimited.title'), detail: t('problem.rateLimited.detail') };
  if (problem.is('/problems/forbidden')) return { title: t('problem.forbidden.title'), detail: problem.detail };
  if (problem.is('/problems/match-state')) return { title: t('problem.matchState.title'), detail: problem.detail };
  if (problem.is('/problems/meeting-cancelled')) return { title: t('problem.meetingCancelled.title'), detail: t('problem.meetingCancelled.detail') };
  if (problem.is('/problems/meeting-over')) return { title: t('problem.meetingOver.title'), detail: t('problem.meetingOver.detail') };
  if (problem.is('/problems/meeting-needs-coordinator')) return { title: t('problem.meetingNeedsCoordinator.title'), detail: t('problem.meetingNeedsCoordinator.detail') };
  if (problem.is('/problems/meeting-under-way')) return { title: t('problem.meetingUnderWay.title'), detail: t('problem.meetingUnderWay.detail') };
  if (problem.status === 404) return { title: t('problem.notFound.title'), detail: t('problem.notFound.detail') };
  if (problem.status === 503) return { title: t('problem.busy.title'), detail: t('problem.busy.detail') };
  if (problem.is(UNREACHABLE)) return { title: t('problem.unreachable.title'), detail: t('problem.unreachable.detail') };
  if (problem.status === 0) return { title: t('problem.generic'), detail: problem.detail };
  return { title: problem.title, detail: problem.detail };
}

/**
 * A problem the reader can act on, in their language. Invalid fields are listed one by one from
 * their codes; `fieldLabel` names a page's own fields (else the form's field names, else the field).
 */
export function ProblemMessage({ problem, children, fieldLabel }: { problem: ApiProblem; children?: ReactNode; fieldLabel?: (field: string) => string | undefined }) {
  const { t } = useLocale();
  if (problem.is('/problems/invalid-fields') && problem.errors.length > 0) {
    const label = (field: string) => fieldLabel?.(field) ?? t(`fieldName.${field}`, { defaultValue: field });
    // A long list ends with an entry counting the problems not named (`problemCount` reads it): the
    // heading counts them all, the list names the fields.
    const named = namedProblems(problem.errors);
    return (
      <div className="notice notice--error" role="alert">
        <p className="notice__title">{t('form.problems', { count: problemCount(problem.errors) })}</p>
        <ul>
          {named.map((error, i) => (
            <li key={i}>{fieldProblemMessage(error, label(error.field), t)}</li>
          ))}
        </ul>
        {children}
      </div>
    );
  }
  const { title, detail } = explain(problem, t);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      {detail ? <p>{detail}</p> : null}
      {children}
    </div>
  );
}

/** A short confirmation or information box. */
export function Notice({ kind = 'info', title, children }: { kind?: 'info' | 'success'; title: string; children?: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role="status">
      <p className="notice__title">{title}</p>
      {children}
    </div>
  );
}
