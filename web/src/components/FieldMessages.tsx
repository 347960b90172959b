import { useLocale } from '../i18n/use-locale';
/** A field's error messages, placed next to it and referenced by its `aria-describedby`. */
export function FieldMessages({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  const { t } = useLocale();
  if (!messages?.length) return null;
  return (
    <div id={id} className="field-error">
      {messages.map((message) => (
        <p key={message}>
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {message}
        </p>
      ))}
    </div>
  );
}

/** The ids an input is described by: its hint and, when there are any, its errors. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length ? present.join(' ') : undefined;
}
