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
    // A zone the caller names (the activity feed's UTC) is named in the numbers too.
    ...(options.timeZoneName ? { timeZoneName: options.timeZoneName } : {}),
    timeZone: options.timeZone,
  };
  return new Intl.DateTimeFormat('de-DE', numeric);
}

/**
 * A date input's value (YYYY-MM-DD) written out in the app's language, weekday first ("Tuesday,
 * 1 December 2026"): a native date input draws the browser's own format, not the app's. Undefined
 * for an empty or partial value. Numbers only where the browser has no data for the locale.
 */
export function chosenDay(value: string, locale: Locale): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return undefined;
  return dateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

/** A time input's value (HH:MM) as the app's language writes a time of day ("10:00", "10:00 AM"); undefined when empty or partial. */
export function chosenTime(value: string, locale: Locale): string | undefined {
  if (!/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$/.test(value)) return undefined;
  return dateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`2000-01-01T${value.slice(0, 5)}:00Z`));
}
