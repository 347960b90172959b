import { LOCALE_NATIVE_NAMES, LOCALES } from '@culturebridge/domain';

/** The nine languages as `<option>`s, each named in itself and marked with its own `lang`. */
export function LocaleOptions() {
  return (
    <>
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NATIVE_NAMES[l]}
        </option>
      ))}
    </>
  );
}
