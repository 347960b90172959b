import type { ReactNode } from 'react';
import { fetchMe } from '../api/endpoints';
import type { MeProfile } from '../api/types';
import { useLocale } from '../i18n/use-locale';
import { useResource } from '../lib/use-resource';
import { href } from '../router';
import { PageHeading } from './PageHeading';
import { ProblemMessage } from './ProblemMessage';
import { RequireSession } from './RequireSession';

/**
 * A coordinator's page (dashboard, member, import, meetings, mail settings): the visitor signs in
 * first (`purpose` says why), and one whose address coordinates no network is told what the page is
 * for and where its own pages are, instead of the page's "no network" or the API's refusal.
 */
export function RequireCoordinator({ purpose, children }: { purpose: string; children: ReactNode }) {
  return (
    <RequireSession purpose={purpose}>
      <CoordinatorsOnly>{children}</CoordinatorsOnly>
    </RequireSession>
  );
}

function CoordinatorsOnly({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  const me = useResource(fetchMe, 'me');
  if (me.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!me.data) return <ProblemMessage problem={me.error} />;
  if (me.data.networks.length > 0) return children;
  return <NotACoordinator profiles={me.data.profiles} />;
}

/** Signed in as a member (it owns profiles): links to each profile's page; owning nothing, who adds coordinators. */
function NotACoordinator({ profiles }: { profiles: MeProfile[] }) {
  const { t } = useLocale();
  if (profiles.length === 0) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('dashboard.noNetwork')} />
        <p className="lead">{t('dashboard.noNetworkLead')}</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <PageHeading title={t('coordinatorsOnly.title')} />
      <p className="lead">{t('coordinatorsOnly.lead')}</p>
      <h2>{t('coordinatorsOnly.yourPages')}</h2>
      <ul className="plain-list">
        {profiles.map((p) => (
          <li key={p.id}>
            <a href={href(`/profiles/${encodeURIComponent(p.id)}`)}>
              {t('coordinatorsOnly.profileLink', { name: p.name })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
