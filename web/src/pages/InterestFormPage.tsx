import { useState } from 'react';
import type { ProfileInput } from '@culturebridge/domain';
import { ApiProblem, SessionLost } from '../api/client';
import { requestSignInLink, submitProfile } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { ProfileForm } from '../components/ProfileForm';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { EMPTY_FORM } from '../form/profile-form-state';
import { href, navigate } from '../router';

export function InterestFormPage() {
  const [pending, setPending] = useState<{ name: string; email: string }>();

  const submit = async (input: ProfileInput) => {
    const created = await submitProfile(input);
    if (created.status === 'active') {
      navigate(`/profiles/${encodeURIComponent(created.id)}`);
      return;
    }
    setPending({ name: input.name, email: input.contact.email });
  };

  if (pending) return <ConfirmationSent {...pending} />;
  return (
    <div className="page">
      <PageHeading title="Find partners for cultural cooperation" />
      <p className="lead">
        Tell your network what you work on, what you can offer and what you need. CultureBridge proposes partners who share your priorities and
        complement you, and explains why. Already have a profile? <a href={href('/profiles')}>Sign in to see your matches</a>.
      </p>
      <ProfileForm initial={EMPTY_FORM} submitLabel="Send my profile" onSubmit={submit} />
    </div>
  );
}

function ConfirmationSent({ name, email }: { name: string; email: string }) {
  const [resent, setResent] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const resend = async () => {
    setProblem(undefined);
    try {
      await requestSignInLink(email);
      setResent(true);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else if (!(error instanceof SessionLost)) throw error;
    }
  };
  return (
    <div className="page page--narrow">
      <PageHeading title="Check your e-mail" />
      <Notice kind="success" title={`Thank you: we received the profile of ${name}.`}>
        <p>
          We sent a confirmation link to <strong>{email}</strong>. Open it within 15 minutes to confirm the address: we propose partners as soon as it is
          confirmed, and the link signs you in to see them.
        </p>
      </Notice>
      {resent ? <Notice title="We sent a new link." /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <p>
        No e-mail after a few minutes? Look in the spam folder, or{' '}
        <button type="button" className="link-button" onClick={() => void resend()}>
          send the link again
        </button>
        .
      </p>
    </div>
  );
}
