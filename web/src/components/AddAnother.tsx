import { useId, useState, type KeyboardEvent } from 'react';
import { useLocale } from '../i18n/use-locale';

/** Options under a heading (`<optgroup>`), e.g. the region's languages, then all others. */
export interface OptionGroup {
  label: string;
  options: readonly { value: string; label: string }[];
}

interface AddAnotherProps {
  label: string;
  buttonLabel: string;
  /** Groups of options to choose from; a free text input when absent. An empty group is left out. */
  options?: readonly OptionGroup[];
  onAdd: (value: string) => void;
}

/** "Add another …" under a chip list: a select or a text box and an explicit Add button. */
export function AddAnother({ label, buttonLabel, options, onAdd }: AddAnotherProps) {
  const { t } = useLocale();
  const id = useId();
  const [value, setValue] = useState('');
  const add = () => {
    const chosen = value.trim();
    if (!chosen) return;
    onAdd(chosen);
    setValue('');
  };
  // Enter in the text box adds the value instead of submitting the whole form.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  return (
    <div className="add-another">
      <label htmlFor={id}>{label}</label>
      <div className="add-another__row">
        {options ? (
          <select id={id} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {options
              .filter((group) => group.options.length > 0)
              .map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        ) : (
          <input id={id} type="text" value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={onKeyDown} />
        )}
        <button type="button" className="button button--secondary" onClick={add}>
          {buttonLabel}
        </button>
      </div>
    </div>
  );
}
