import { useEffect, type ReactNode } from 'react';
import { rememberDestination } from '../auth/destination';
import { useSessionState } from '../auth/session-store';
import { currentRoute } from '../router';
import { PageHeading } from './PageHeading';
import { SignInForm } from './SignInForm';

/** Shows the page to a signed-in visitor; anyone else signs in first and comes back here. */
export function RequireSession({ purpose, children }: { purpose: string; children: ReactNode }) {
  const state = useSessionState();
  useEffect(() => {
    if (state === 'signed-out') rememberDestination(currentRoute());
  }, [state]);
  if (state === 'signed-in') return children;
  if (state === 'checking') return <p role="status">Checking whether you are signed in…</p>;
  return (
    <div className="page page--narrow">
      <PageHeading title="Sign in" />
      <p className="lead">{purpose} We will bring you back here after you open the link we e-mail you.</p>
      <SignInForm />
    </div>
  );
}
