import { useEffect, useState } from 'react';
import { ApiProblem } from '../api/client';
import { describeSignInLink, verifySignInToken } from '../api/endpoints';
import type { VerifyResult } from '../api/types';
import { takeDestination } from '../auth/destination';
import { markSignedIn } from '../auth/session-store';
import { networkLabel } from '../lib/networks';
import { useResource } from '../lib/use-resource';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { SignInForm } from '../components/SignInForm';
import { replaceRoute } from '../router';

const REASONS: Record<string, string> = {
  expired: 'Your session has expired (after a week without use, or 30 days after signing in). Sign in again to continue where you were.',
  required: 'Please sign in to continue.',
  'invalid-link': 'This sign-in link does not work any more: links work once and for 15 minutes. Enter your e-mail address and we send you a new one.',
};

export function SignInPage({ token, reason }: { token?: string; reason?: string }) {
  return token ? <Verify token={token} /> : <RequestLink reason={reason} />;
}

function RequestLink({ reason }: { reason?: string }) {
  const message = reason ? REASONS[reason] : undefined;
  return (
    <div className="page page--narrow">
      <PageHeading title="Sign in" />
      {message ? (
        <div className="notice notice--warning" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <p className="lead">There are no passwords: we e-mail you a link that signs this browser in.</p>
      <SignInForm />
    </div>
  );
}

/** Where a fresh session goes: back to what was asked for, else to what the address owns. */
function landingRoute(result: VerifyResult): string {
  const destination = takeDestination();
  if (destination) return destination;
  const [confirmed] = result.confirmed;
  if (confirmed) return `/profiles/${encodeURIComponent(confirmed)}?confirmed`;
  if (result.profiles.length === 0 && result.networks.length > 0) return '/dashboard';
  return '/profiles';
}

/** "the EU4Culture network", "the EU4Culture and EUNIC … networks": the short name before a label's colon. */
function networksPhrase(ids: readonly string[]): string {
  const names = ids.map((id) => networkLabel(id).split(':')[0] ?? id);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `the ${list} network${names.length > 1 ? 's' : ''}`;
}

/**
 * A link from a mail opens this page, which says what the link will do and waits for a click:
 * loading, prefetching or a mail scanner rendering the page reads the link's description
 * (`POST /auth/link`) and spends nothing. Only the button uses the token.
 */
function Verify({ token }: { token: string }) {
  const link = useResource(() => describeSignInLink(token), token);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (link.error?.is('/problems/invalid-token')) replaceRoute('/sign-in?reason=invalid-link');
  }, [link.error]);

  if (link.status === 'loading') return <p role="status">Checking your sign-in link…</p>;
  if (!link.data) {
    return (
      <div className="page page--narrow">
        <PageHeading title="Sign in" />
        <ProblemMessage problem={link.error} />
        <SignInForm />
      </div>
    );
  }
  const { purpose, address, profile } = link.data;
  const confirming = (purpose === 'confirm-profile' || purpose === 'invite-member') && profile !== undefined;
  const title = confirming ? `Confirm the profile ${profile.name} for ${networksPhrase(profile.networks)}` : `Sign in as ${address}`;
  const button = confirming ? `Confirm the profile ${profile.name}` : 'Sign in';

  const use = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await verifySignInToken(token);
      markSignedIn();
      // Replace, so the used token leaves the address bar and the history.
      replaceRoute(landingRoute(result));
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiProblem && error.is('/problems/invalid-token')) replaceRoute('/sign-in?reason=invalid-link');
      else setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'about:blank', 'Signing in failed', String(error), []));
    }
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={title} />
      {problem ? <ProblemMessage problem={problem} /> : null}
      {confirming ? (
        <p className="lead">
          Until you confirm, {profile.name} is not matched with anyone. Confirming also signs you in as {address}.
        </p>
      ) : (
        <p className="lead">
          {purpose !== 'sign-in' ? 'The profile this link was sent about no longer names this address; you can still sign in. ' : ''}
          This signs this browser in; every tab shares the session until you sign out.
        </p>
      )}
      <button type="button" className="button" onClick={() => void use()} disabled={busy}>
        {button}
      </button>
    </div>
  );
}
