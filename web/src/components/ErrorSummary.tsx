import type { Ref } from 'react';
import { fieldId, FORM_KEY, type FieldErrors } from '../form/field-errors';
import { useLocale } from '../i18n/use-locale';

/** Moves focus to the field an error belongs to (its first control when the field is a group). */
function focusField(key: string): void {
  const element = document.getElementById(fieldId(key));
  const control = element?.matches('input, select, textarea') ? element : element?.querySelector<HTMLElement>('input, select, textarea');
  control?.focus();
  control?.scrollIntoView({ block: 'center' });
}

interface ErrorSummaryProps {
  errors: FieldErrors;
  /** Keys in the order the fields appear, so the list reads top to bottom. */
  order: readonly string[];
  ref?: Ref<HTMLDivElement>;
}

/**
 * Every problem of the last submit at the top of the form, each leading to its field. It receives
 * focus after a failed submit, so screen reader users hear what to fix.
 */
export function ErrorSummary({ errors, order, ref }: ErrorSummaryProps) {
  const { t } = useLocale();
  const rank = (key: string) => {
    const at = order.findIndex((k) => key === k || key.startsWith(`${k}.`));
    return at < 0 ? order.length : at;
  };
  const keys = [...errors.keys()].filter((k) => errors.get(k)?.length).sort((a, b) => rank(a) - rank(b));
  if (keys.length === 0) return null;
  const count = keys.reduce((n, k) => n + (errors.get(k)?.length ?? 0), 0);
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.problems', { count })}</h2>
      <ul>
        {keys.flatMap((key) =>
          (errors.get(key) ?? []).map((message) => (
            <li key={`${key}:${message}`}>
              {key === FORM_KEY || !document.getElementById(fieldId(key)) ? (
                message
              ) : (
                <button type="button" className="link-button" onClick={() => focusField(key)}>
                  {message}
                </button>
              )}
            </li>
          )),
        )}
      </ul>
    </div>
  );
}
