import type { ReactNode } from 'react';
import { describedBy, FieldMessages } from './FieldMessages';
import { errorId, fieldId } from '../form/field-errors';

interface ChoiceChipsProps<T extends string> {
  fieldKey: string;
  legend: string;
  hint?: string;
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  errors: readonly string[] | undefined;
  /** Extra controls inside the fieldset, after the chips (e.g. "add another"). */
  children?: ReactNode;
}

/** A multiple choice as checkbox chips: native checkboxes, so keyboard and screen readers work as usual. */
export function ChoiceChips<T extends string>({ fieldKey, legend, hint, options, selected, onChange, errors, children }: ChoiceChipsProps<T>) {
  const id = fieldId(fieldKey);
  const invalid = Boolean(errors?.length);
  // The order of the options, so that what is sent does not depend on the order of clicks.
  const rank = (value: T) => options.findIndex((o) => o.value === value);
  const toggle = (value: T, on: boolean) => {
    const others = selected.filter((v) => v !== value);
    onChange(on ? [...others, value].sort((a, b) => rank(a) - rank(b)) : others);
  };
  return (
    <fieldset id={id} className={`field chips-field${invalid ? ' field--invalid' : ''}`} aria-describedby={describedBy(hint && `${id}-hint`, invalid && errorId(fieldKey))}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldMessages id={errorId(fieldKey)} messages={errors} />
      <div className="chips">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div className="chip" key={option.value}>
              <input
                type="checkbox"
                id={optionId}
                name={fieldKey}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(e) => toggle(option.value, e.target.checked)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}
