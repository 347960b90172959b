import type { Locale } from '@culturebridge/domain';

/**
 * Intl.DateTimeFormat in the reader's locale; where the browser has no data for it (Chromium ships
 * none for Georgian and Armenian), numbers only (01.03.2027, 14:05) rather than English month names.
 */
export function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 && !/\bM\d\d\b/.test(new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(0))) {
    return new Intl.DateTimeFormat(locale, options);
  }
  const numeric: Intl.DateTimeFormatOptions = {
    ...(options.dateStyle || options.year ? { day: '2-digit', month: '2-digit', year: 'numeric' } : {}),
    ...(options.timeStyle || options.hour ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    ...(options.timeStyle === 'medium' ? { second: '2-digit' } : {}),
    timeZone: options.timeZone,
  };
  return new Intl.DateTimeFormat('de-DE', numeric);
}
