import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/client';
import { problemCount } from '@culturebridge/domain';
import { fieldProblemMessage, namedProblems } from '../form/field-errors';
import { useLocale } from '../i18n/use-locale';
import { explainProblem } from './problem-text';

/**
 * A problem the reader can act on, in their language. Invalid fields are listed one by one from
 * their codes; `fieldLabel` names a page's own fields (else the form's field names, else the field).
 */
export function ProblemMessage({ problem, children, fieldLabel }: { problem: ApiProblem; children?: ReactNode; fieldLabel?: (field: string) => string | undefined }) {
  const { t, locale } = useLocale();
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
            <li key={i}>{fieldProblemMessage(error, label(error.field), t, locale)}</li>
          ))}
        </ul>
        {children}
      </div>
    );
  }
  const { title, detail, reference } = explainProblem(problem, t, locale);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p>{detail}</p>
      {reference ? <p className="notice__reference">{reference}</p> : null}
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
