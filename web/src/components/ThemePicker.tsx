import { PRIORITIES, THEME_GROUPS, THEMES, type Priority, type ThemeGroupId, type ThemeId } from '@culturebridge/domain';
import { describedBy, FieldMessages } from './FieldMessages';
import { errorId, fieldId, type FieldErrors } from '../form/field-errors';
import { useLocale } from '../i18n/use-locale';

interface ThemePickerProps {
  selected: Partial<Record<ThemeId, Priority>>;
  onChange: (themes: Partial<Record<ThemeId, Priority>>, changedKey: string) => void;
  errors: FieldErrors;
}

const GROUPS = Object.keys(THEME_GROUPS) as ThemeGroupId[];

/** A theme chip's field key, as the form's error mapping names it. */
const themeKey = (id: ThemeId) => `themes.${id}`;

/** Themes as chips, grouped as the taxonomy groups them; a chosen theme shows its priority next to it. */
export function ThemePicker({ selected, onChange, errors }: ThemePickerProps) {
  const { t, d } = useLocale();
  const listErrors = errors.get('themes');
  const set = (id: ThemeId, priority: Priority | undefined) => {
    const next = { ...selected };
    if (priority) next[id] = priority;
    else delete next[id];
    onChange(next, `themes.${id}`);
  };
  return (
    <fieldset
      id={fieldId('themes')}
      className={`field themes-field${listErrors?.length ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(`${fieldId('themes')}-hint`, Boolean(listErrors?.length) && errorId('themes'))}
    >
      <legend>{t('form.themesLegend')}</legend>
      <p id={`${fieldId('themes')}-hint`} className="hint">
        {t('form.themesHint')}
      </p>
      <FieldMessages id={errorId('themes')} messages={listErrors} />
      {GROUPS.map((group) => (
        <div className="theme-group" key={group} role="group" aria-labelledby={`theme-group-${group}`}>
          <p id={`theme-group-${group}`} className="theme-group__title">
            {d(`themeGroup.${group}`)}
          </p>
          <div className="chips">
            {THEMES.filter((t) => t.group === group).map((theme) => {
              const key = themeKey(theme.id);
              const id = fieldId(key);
              const priority = selected[theme.id];
              const themeErrors = errors.get(key);
              return (
                <div className={`chip theme-chip${priority ? ' theme-chip--on' : ''}${themeErrors?.length ? ' field--invalid' : ''}`} key={theme.id}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={Boolean(priority)}
                    aria-describedby={themeErrors?.length ? errorId(key) : undefined}
                    onChange={(e) => set(theme.id, e.target.checked ? 'medium' : undefined)}
                  />
                  <label htmlFor={id}>{d(`theme.${theme.id}`)}</label>
                  {priority ? (
                    <select
                      id={`${id}-priority`}
                      aria-label={t('form.priorityOf', { theme: d(`theme.${theme.id}`) })}
                      value={priority}
                      aria-invalid={themeErrors?.length ? true : undefined}
                      aria-describedby={themeErrors?.length ? errorId(key) : undefined}
                      onChange={(e) => set(theme.id, e.target.value as Priority)}
                    >
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {d(`priority.${p}`)}
                        </option>
                      ))}
                    </select>
                  ) : null}
                  <FieldMessages id={errorId(key)} messages={themeErrors} />
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
