import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { ApiProblem, asProblem } from '../api/client';
import { describeSignInLink, fetchMe, verifySignInToken } from '../api/endpoints';
import type { VerifyResult } from '../api/types';
import { takeDestination } from '../auth/destination';
import { markSignedIn } from '../auth/session-store';
import { rememberUsedLink, usedLinkHere } from '../auth/used-links';
import { useLocale } from '../i18n/use-locale';
import { networkShortLabel } from '../lib/networks';
import { useResource } from '../lib/use-resource';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { SignInForm } from '../components/SignInForm';
import { replaceRoute } from '../router';
import { BusyButton } from '../components/BusyButton';

/** Why the visitor was sent here (`?reason=`); each has a message in the catalogs (`signIn.reason.<reason>`). */
const REASONS = new Set(['expired', 'required', 'invalid-link', 'signed-out']);

export function SignInPage({ token, reason }: { token?: string; reason?: string }) {
  return token ? <Verify token={token} /> : <RequestLink reason={reason} />;
}

function RequestLink({ reason }: { reason?: string }) {
  const { t } = useLocale();
  const message = reason && REASONS.has(reason) ? t(`signIn.reason.${reason}`) : undefined;
  return (
    <div className="page page--narrow">
      <PageHeading title={t('signIn.title')} />
      {message ? (
        // Signing out is what the member asked for: news, not a warning.
        <div className={reason === 'signed-out' ? 'notice notice--success' : 'notice notice--warning'} role={reason === 'signed-out' ? 'status' : 'alert'}>
          <p>{message}</p>
        </div>
      ) : null}
      <p className="lead">{t('signIn.lead')}</p>
      <SignInForm />
    </div>
  );
}

/** Where a fresh session goes: back to what was asked for, else to what the address owns. */
function landingRoute(result: Pick<VerifyResult, 'confirmed' | 'profiles' | 'networks'>): string {
  const destination = takeDestination();
  if (destination) return destination;
  const [confirmed] = result.confirmed;
  if (confirmed) return `/profiles/${encodeURIComponent(confirmed)}?confirmed`;
  if (result.profiles.length === 0 && result.networks.length > 0) return '/dashboard';
  return '/profiles';
}

/** The networks' short names (before a label's colon), as a list in the reader's language. */
function networkNames(t: TFunction, list: (items: readonly string[]) => string, ids: readonly string[]): string {
  return list(ids.map(networkShortLabel));
}

/**
 * A link this browser used already (in another tab, clicked again in the mail, or reloaded before
 * the page left it), while it is still signed in: go on as signed in. Any other spent or expired
 * link says it no longer works, even in a signed-in browser: it may be someone else's, and its
 * reader must learn that it did nothing (a confirmation not made).
 */
async function goOnIfSignedIn(token: string): Promise<void> {
  if (!usedLinkHere(token)) return replaceRoute('/sign-in?reason=invalid-link');
  const me = await fetchMe({ probe: true }).catch(() => undefined);
  if (!me) return replaceRoute('/sign-in?reason=invalid-link');
  markSignedIn();
  replaceRoute(landingRoute({ confirmed: [], profiles: me.profiles.map((p) => p.id), networks: me.networks }));
}

/**
 * A link from a mail opens this page, which says what the link will do and waits for a click:
 * loading, prefetching or a mail scanner rendering the page reads the link's description
 * (`POST /auth/link`) and spends nothing. Only the button uses the token.
 */
function Verify({ token }: { token: string }) {
  const { t, list } = useLocale();
  const link = useResource(() => describeSignInLink(token), token);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (link.error?.is('/problems/invalid-token')) void goOnIfSignedIn(token);
  }, [link.error, token]);

  if (link.status === 'loading') return <p role="status">{t('signIn.checking')}</p>;
  if (!link.data) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('signIn.title')} />
        <ProblemMessage problem={link.error} />
        <SignInForm />
      </div>
    );
  }
  const { purpose, address, profile, contactChange } = link.data;
  const confirming = (purpose === 'confirm-profile' || purpose === 'invite-member') && profile !== undefined;
  // A member's new contact address: the profile is active and matched already; this makes it the address's.
  const changing = confirming && contactChange === true;
  const title = changing
    ? t('signIn.changeTitle', { name: profile.name, address })
    : confirming
      ? t('signIn.confirmTitle', { count: profile.networks.length, name: profile.name, networks: networkNames(t, list, profile.networks) })
      : t('signIn.signInAs', { address });
  // A verb, as on the heading ("Войти как …"): the page title is a noun in several languages ("Вход").
  const button = changing ? t('signIn.changeButton') : confirming ? t('signIn.confirmButton', { name: profile.name }) : t('signIn.signInButton');

  const use = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await verifySignInToken(token);
      rememberUsedLink(token);
      markSignedIn();
      // Replace, so the used token leaves the address bar and the history.
      replaceRoute(landingRoute(result));
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiProblem && error.is('/problems/invalid-token')) await goOnIfSignedIn(token);
      else setProblem(asProblem(error, t('signIn.failed')));
    }
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={title} />
      {problem ? <ProblemMessage problem={problem} /> : null}
      {confirming ? (
        <p className="lead">{t(changing ? 'signIn.changeLead' : 'signIn.confirmLead', { name: profile.name, address })}</p>
      ) : (
        <p className="lead">
          {purpose !== 'sign-in' ? `${t('signIn.noLongerNames')} ` : ''}
          {t('signIn.browserSession')}
        </p>
      )}
      <BusyButton type="button" className="button" onClick={() => void use()} busy={busy}>
        {button}
      </BusyButton>
    </div>
  );
}
