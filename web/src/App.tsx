import { useEffect, type MouseEvent } from 'react';
import { MeProvider, useMe } from './auth/me-context';
import { sessionLost } from './api/client';
import { signOut } from './api/endpoints';
import { announceSignOut, markSignedOut, onSignOutElsewhere, useSessionState } from './auth/session-store';
import { clearAllDrafts } from './form/profile-draft';
import { LanguageSwitcher } from './components/LanguageSwitcher';
import { PageHeading } from './components/PageHeading';
import { useLocale } from './i18n/use-locale';
import { CoordinatorPreferencesPage } from './pages/CoordinatorPreferencesPage';
import { DashboardPage } from './pages/DashboardPage';
import { MemberPage } from './pages/MemberPage';
import { InterestFormPage } from './pages/InterestFormPage';
import { MatchPage } from './pages/MatchPage';
import { MeetingsPage } from './pages/MeetingsPage';
import { MyMeetingsPage } from './pages/MyMeetingsPage';
import { MemberImportPage } from './pages/MemberImportPage';
import { MyProfilePage } from './pages/MyProfilePage';
import { ProfilePreferencesPage } from './pages/ProfilePreferencesPage';
import { SignInPage } from './pages/SignInPage';
import { useNetworks } from './lib/networks';
import { navSection, type NavSection } from './nav-section';
import { href, navigate, parseRoute, useHash, type Route } from './router';

/** The product's name, the same in every language. */
const BRAND = 'CultureBridge';

export function App() {
  return (
    <MeProvider>
      <Shell />
    </MeProvider>
  );
}

function Shell() {
  const { t } = useLocale();
  const route = parseRoute(useHash());
  // Network names appear all over the app; once they have loaded, everything renders with them.
  useNetworks();
  // Signed out in another tab: this one drops its drafts too and goes to sign-in at once, saying
  // why (as when its next request finds the session gone), instead of showing the form.
  useEffect(
    () =>
      onSignOutElsewhere(() => {
        clearAllDrafts();
        sessionLost('expired');
      }),
    [],
  );
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skip')}
      </a>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        {/* A new route is a new page: nothing of the previous one's state survives. */}
        <Page key={JSON.stringify(route)} route={route} />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

/** "#main" would be read as a route; move focus instead. */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function Page({ route }: { route: Route }) {
  const { t } = useLocale();
  switch (route.page) {
    case 'form':
      return <InterestFormPage />;
    case 'sign-in':
      return <SignInPage token={route.token} reason={route.reason} />;
    case 'my-profile':
      return <MyProfilePage profileId={route.profileId} confirmed={route.confirmed} />;
    case 'match':
      return <MatchPage profileId={route.profileId} partnerId={route.partnerId} answer={route.answer} />;
    case 'dashboard':
      return <DashboardPage networkId={route.networkId} />;
    case 'member':
      return <MemberPage networkId={route.networkId} profileId={route.profileId} />;
    case 'meetings':
      return <MeetingsPage networkId={route.networkId} meetingId={route.meetingId} />;
    case 'my-meetings':
      return <MyMeetingsPage profileId={route.profileId} />;
    case 'member-import':
      return <MemberImportPage networkId={route.networkId} />;
    case 'profile-preferences':
      return <ProfilePreferencesPage profileId={route.profileId} />;
    case 'coordinator-preferences':
      return <CoordinatorPreferencesPage coordinatorId={route.coordinatorId} />;
    case 'not-found':
      return (
        <div className="page page--narrow">
          <PageHeading title={t('app.notFound')} />
          <p>
            <a href={href('/')}>{t('app.toForm')}</a>
          </p>
        </div>
      );
  }
}

function Header({ route }: { route: Route }) {
  const { t } = useLocale();
  const session = useSessionState() === 'signed-in';
  const { me } = useMe();
  const section = navSection(route, me);
  const current = (of: NavSection) => (section === of ? 'page' : undefined);
  return (
    <header className="site-header">
      <a className="brand" href={href('/')}>
        {BRAND}
      </a>
      <nav aria-label={t('app.mainNav')}>
        <ul>
          <li>
            <a href={href('/')} aria-current={current('form')}>
              {t('app.nav.form')}
            </a>
          </li>
          <li>
            <a href={href('/profiles')} aria-current={current('profile')}>
              {t('app.nav.profile')}
            </a>
          </li>
          {me?.networks.length ? (
            <li>
              <a href={href('/dashboard')} aria-current={current('dashboard')}>
                {t('app.nav.dashboard')}
              </a>
            </li>
          ) : null}
          {me?.networks.length ? (
            <li>
              <a href={href('/meetings')} aria-current={current('meetings')}>
                {t('app.nav.meetings')}
              </a>
            </li>
          ) : null}
          <li>
            {session ? (
              <button
                type="button"
                className="link-button nav-button"
                onClick={() => {
                  // Ends the session on the server too; signed out here whatever the answer. Typed work
                  // kept as drafts goes with it, in every tab (a session that merely expired keeps it for the next sign-in).
                  clearAllDrafts();
                  announceSignOut();
                  void signOut()
                    .catch(() => undefined)
                    .finally(() => {
                      markSignedOut();
                      // Where one signs in again, saying it is done (the interest form said nothing).
                      navigate('/sign-in?reason=signed-out');
                    });
                }}
              >
                {t('app.nav.signOut')}
              </button>
            ) : (
              <a href={href('/sign-in')} aria-current={current('sign-in')}>
                {t('app.nav.signIn')}
              </a>
            )}
          </li>
        </ul>
      </nav>
      <LanguageSwitcher />
    </header>
  );
}
