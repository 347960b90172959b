import { useState } from 'react';
import type { ProfileInput } from '@culturebridge/domain';
import { requestSignInLink, submitProfile } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { ProfileForm } from '../components/ProfileForm';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { EMPTY_FORM } from '../form/profile-form-state';
import { clearDraft } from '../form/profile-draft';

/** The interest form's draft (a profile not yet submitted has no id). */
const NEW_PROFILE = 'new';
import { href, navigate } from '../router';
import { Trans } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import { useApiAction } from '../lib/use-api-action';

export function InterestFormPage() {
  const { t } = useLocale();
  const [pending, setPending] = useState<{ name: string; email: string }>();

  const submit = async (input: ProfileInput) => {
    const created = await submitProfile(input);
    clearDraft(NEW_PROFILE);
    if (created.status === 'active') {
      navigate(`/profiles/${encodeURIComponent(created.id)}`);
      return;
    }
    setPending({ name: input.name, email: input.contact.email });
  };

  if (pending) return <ConfirmationSent {...pending} />;
  return (
    <div className="page">
      <PageHeading title={t('interest.title')} />
      <p className="lead">
        {t('interest.lead')} <a href={href('/profiles')}>{t('interest.signIn')}</a>
      </p>
      {/* The language for mails starts as the reader's, which came from the browser or their choice. */}
      {/* No mail language yet: the form offers the page's until the member chooses one. */}
      <ProfileForm initial={EMPTY_FORM} submitLabel={t('interest.submit')} onSubmit={submit} draft={{ key: NEW_PROFILE, version: 0 }} />
    </div>
  );
}

function ConfirmationSent({ name, email }: { name: string; email: string }) {
  const { t, locale } = useLocale();
  const [resent, setResent] = useState(false);
  const { problem, run } = useApiAction();
  const resend = () =>
    run(async () => {
      await requestSignInLink(email, locale);
      setResent(true);
    });
  return (
    <div className="page page--narrow">
      <PageHeading title={t('signIn.checkEmail')} />
      <Notice kind="success" title={t('interest.received', { name })}>
        <p>
          <Trans i18nKey="interest.confirmationSent" values={{ email }} components={{ strong: <strong /> }} />
        </p>
      </Notice>
      {resent ? <Notice title={t('interest.resent')} /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <p>
        {t('interest.noMail')}{' '}
        <button type="button" className="link-button" onClick={() => void resend()}>
          {t('interest.sendAgain')}
        </button>
      </p>
    </div>
  );
}
