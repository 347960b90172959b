import { useState, type FormEvent } from 'react';
import * as z from 'zod';
import { ApiProblem, asProblem, SessionLost } from '../api/client';
import { requestSignInLink } from '../api/endpoints';
import { FieldMessages, describedBy } from './FieldMessages';
import { Notice, ProblemMessage } from './ProblemMessage';
import { Trans } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import { BusyButton } from './BusyButton';

const Email = z.email();

/** Asks for a magic link. The API answers the same for known and unknown addresses, and so does this. */
export function SignInForm({ initialEmail = '' }: { initialEmail?: string }) {
  const { t, locale } = useLocale();
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [sentTo, setSentTo] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // A new request replaces what the last one said: a refused one after a sent one is not "check your e-mail".
    setProblem(undefined);
    setSentTo(undefined);
    const address = email.trim();
    const message = address === '' ? t('signIn.enterEmail') : Email.safeParse(address).success ? undefined : t('signIn.enterValidEmail');
    setError(message);
    if (message) return;
    setBusy(true);
    try {
      await requestSignInLink(address, locale);
      setSentTo(address);
    } catch (failure) {
      if (!(failure instanceof SessionLost)) setProblem(asProblem(failure, t('problem.generic')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sign-in-form" noValidate onSubmit={submit}>
      {sentTo ? (
        <Notice kind="success" title={t('signIn.checkEmail')}>
          <p>
            <Trans i18nKey="signIn.sent" values={{ email: sentTo }} components={{ strong: <strong /> }} />
          </p>
        </Notice>
      ) : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor="sign-in-email">{t('signIn.emailLabel')}</label>
        <p id="sign-in-email-hint" className="hint">
          {t('signIn.emailHint')}
        </p>
        <FieldMessages id="sign-in-email-error" messages={error ? [error] : undefined} />
        <input
          id="sign-in-email"
          type="email"
          autoComplete="email"
          value={email}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('sign-in-email-hint', Boolean(error) && 'sign-in-email-error')}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <BusyButton type="submit" className="button" busy={busy}>
        {busy ? t('common.sending') : sentTo ? t('signIn.sendAnother') : t('signIn.send')}
      </BusyButton>
    </form>
  );
}
