import { useState, type FormEvent } from 'react';
import * as z from 'zod';
import { ApiProblem, SessionLost } from '../api/client';
import { requestSignInLink } from '../api/endpoints';
import { FieldMessages, describedBy } from './FieldMessages';
import { Notice, ProblemMessage } from './ProblemMessage';

const Email = z.email();

/** Asks for a magic link. The API answers the same for known and unknown addresses, and so does this. */
export function SignInForm({ initialEmail = '' }: { initialEmail?: string }) {
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [sentTo, setSentTo] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const address = email.trim();
    const message = address === '' ? 'Enter your e-mail address' : Email.safeParse(address).success ? undefined : 'Enter an e-mail address such as culture@city.example';
    setError(message);
    if (message) return;
    setBusy(true);
    try {
      await requestSignInLink(address);
      setSentTo(address);
    } catch (failure) {
      if (!(failure instanceof SessionLost)) setProblem(failure instanceof ApiProblem ? failure : new ApiProblem(0, 'about:blank', 'Something went wrong', String(failure), []));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sign-in-form" noValidate onSubmit={submit}>
      {sentTo ? (
        <Notice kind="success" title="Check your e-mail">
          <p>
            If <strong>{sentTo}</strong> is the contact of a profile or of a network coordinator, a sign-in link is on its way. It works once, within 15 minutes.
          </p>
        </Notice>
      ) : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor="sign-in-email">Your e-mail address</label>
        <p id="sign-in-email-hint" className="hint">
          The contact address of your profile, or the address your network registered for you as coordinator.
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
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Sending…' : sentTo ? 'Send another link' : 'Send me a sign-in link'}
      </button>
    </form>
  );
}
