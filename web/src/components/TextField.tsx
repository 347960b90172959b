import { ChosenValue } from './ChosenValue';
import { describedBy, FieldMessages } from './FieldMessages';
import { errorId, fieldId } from '../form/field-errors';
import { chosenDay } from '../i18n/date-time';
import { useLocale } from '../i18n/use-locale';

interface TextFieldProps {
  fieldKey: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: readonly string[] | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'date';
  multiline?: boolean;
  autoComplete?: string;
  required?: boolean;
}

export function TextField({ fieldKey, label, value, onChange, errors, hint, type = 'text', multiline, autoComplete, required }: TextFieldProps) {
  const { t, locale } = useLocale();
  const id = fieldId(fieldKey);
  // A date input is drawn in the browser's locale: the day chosen is written out in the app's too.
  const chosenId = type === 'date' ? `${id}-chosen` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const invalid = Boolean(errors?.length);
  const common = {
    id,
    name: fieldKey,
    value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy(hintId, invalid && errorId(fieldKey), chosenId),
    'aria-required': required || undefined,
  };
  return (
    <div className={`field${invalid ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="optional"> {t('form.optional')}</span>}
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldMessages id={errorId(fieldKey)} messages={errors} />
      {multiline ? (
        <textarea {...common} rows={5} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)} />
      )}
      {chosenId ? <ChosenValue id={chosenId} text={chosenDay(value, locale)} /> : null}
    </div>
  );
}
