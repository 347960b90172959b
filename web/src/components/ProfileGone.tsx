import { useEffect } from 'react';
import { useMe } from '../auth/me-context';
import { useLocale } from '../i18n/use-locale';
import { href } from '../router';
import { PageHeading } from './PageHeading';

/**
 * A member's own profile that the API no longer shows them (404): withdrawn, or moved to another
 * contact address, in another tab or by someone else with the same address. Says so instead of
 * the profile as it was, and offers the next step: the address's other profiles, else the form.
 */
export function ProfileGone({ profileId }: { profileId: string }) {
  const { t } = useLocale();
  const { me, refreshMe } = useMe();
  // The navigation's list of profiles still names this one until it is read again.
  useEffect(() => {
    void refreshMe();
  }, [refreshMe]);
  const others = me?.profiles.filter((p) => p.id !== profileId) ?? [];
  return (
    <div className="page page--narrow">
      <PageHeading title={t('myProfile.goneTitle')} />
      <p className="lead">{t('myProfile.goneLead')}</p>
      <p>
        {others.length > 0 ? (
          <a href={href('/profiles')}>{t('myProfile.toProfiles')}</a>
        ) : (
          <>
            <a href={href('/')}>{t('myProfile.fillForm')}</a> {t('myProfile.again')}
          </>
        )}
      </p>
    </div>
  );
}
