import { useEffect, useState } from 'react';
import { ApiProblem } from '../api/client';
import { verifySignInToken } from '../api/endpoints';
import type { VerifyResult } from '../api/types';
import { takeDestination } from '../auth/destination';
import { saveSession } from '../auth/session-store';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { SignInForm } from '../components/SignInForm';
import { replaceRoute } from '../router';
import { useLocale } from '../i18n/use-locale';

/** Why the visitor was sent here (`?reason=`); each has a message in the catalogs (`signIn.reason.<reason>`). */
const REASONS = new Set(['expired', 'required', 'invalid-link']);

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
        <div className="notice notice--warning" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <p className="lead">{t('signIn.lead')}</p>
      <SignInForm />
    </div>
  );
}

// A token works once; React may run an effect twice (Strict Mode), so both runs share one request.
const verifications = new Map<string, Promise<VerifyResult>>();

function verifyOnce(token: string): Promise<VerifyResult> {
  let pending = verifications.get(token);
  if (!pending) {
    pending = verifySignInToken(token);
    verifications.set(token, pending);
  }
  return pending;
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

function Verify({ token }: { token: string }) {
  const { t } = useLocale();
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(() => {
    let current = true;
    verifyOnce(token).then(
      (result) => {
        if (!current) return;
        saveSession(result.session, result.expiresAt);
        // Replace, so the used token leaves the address bar and the history.
        replaceRoute(landingRoute(result));
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiProblem && error.is('/problems/invalid-token')) replaceRoute('/sign-in?reason=invalid-link');
        else setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'about:blank', t('signIn.failed'), String(error), []));
      },
    );
    return () => {
      current = false;
    };
  }, [token]);

  if (!problem) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('signIn.signingIn')} />
        <p role="status">{t('signIn.checking')}</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <PageHeading title={t('signIn.title')} />
      <ProblemMessage problem={problem} />
      <SignInForm />
    </div>
  );
}
