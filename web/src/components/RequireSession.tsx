import { useEffect, type ReactNode } from 'react';
import { rememberDestination } from '../auth/destination';
import { useMe } from '../auth/me-context';
import { useSessionState } from '../auth/session-store';
import { ProblemMessage } from './ProblemMessage';
import { currentRoute } from '../router';
import { PageHeading } from './PageHeading';
import { SignInForm } from './SignInForm';
import { useLocale } from '../i18n/use-locale';

/** Shows the page to a signed-in visitor; anyone else signs in first and comes back here. */
export function RequireSession({ purpose, children }: { purpose: string; children: ReactNode }) {
  const { t } = useLocale();
  const state = useSessionState();
  const { probeProblem, refreshMe } = useMe();
  useEffect(() => {
    if (state === 'signed-out') rememberDestination(currentRoute());
  }, [state]);
  if (state === 'signed-in') return children;
  if (state === 'checking' && probeProblem) {
    return (
      <div className="page page--narrow">
        <ProblemMessage problem={probeProblem}>
          <p>
            <button type="button" className="button" onClick={() => void refreshMe()}>
              {t('signIn.checkAgain')}
            </button>
          </p>
        </ProblemMessage>
      </div>
    );
  }
  if (state === 'checking') return <p role="status">{t('signIn.checkingSession')}</p>;
  return (
    <div className="page page--narrow">
      <PageHeading title={t('signIn.title')} />
      <p className="lead">
        {purpose} {t('signIn.bringBack')}
      </p>
      <SignInForm />
    </div>
  );
}
