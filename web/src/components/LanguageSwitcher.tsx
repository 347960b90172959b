import { useId } from 'react';
import { i18next } from '../i18n';
import { useLocale } from '../i18n/use-locale';
import { LocaleOptions } from './LocaleOptions';

/** The reader picks the language; i18next remembers it (localStorage) and `<html lang>` follows. */
export function LanguageSwitcher() {
  const { t, locale } = useLocale();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={locale} onChange={(e) => void i18next.changeLanguage(e.target.value)}>
        <LocaleOptions />
      </select>
    </div>
  );
}
