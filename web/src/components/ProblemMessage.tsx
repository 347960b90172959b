import type { ApiProblem } from '../api/client';
import type { ReactNode } from 'react';

/** What people should read for the problems they can run into; the API's own words otherwise. */
function explain(problem: ApiProblem): { title: string; detail?: string } {
  if (problem.is('/problems/version-conflict')) {
    return { title: 'Someone changed this meanwhile', detail: 'Reload to see the current version, then make your change again. Nothing was overwritten.' };
  }
  if (problem.is('/problems/rate-limited')) {
    return { title: 'Too many sign-in links were asked for', detail: 'Wait a few minutes, then try again. The links already sent still work for 15 minutes.' };
  }
  if (problem.status === 404) {
    return { title: 'Not found', detail: 'It does not exist (any more), or it belongs to someone else. Check that you signed in with the right e-mail address.' };
  }
  if (problem.status === 503) return { title: 'CultureBridge is busy', detail: 'Please try again in a moment.' };
  return { title: problem.title, detail: problem.detail };
}

export function ProblemMessage({ problem, children }: { problem: ApiProblem; children?: ReactNode }) {
  const { title, detail } = explain(problem);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      {detail ? <p>{detail}</p> : null}
      {children}
    </div>
  );
}

/** A short confirmation or information box. */
export function Notice({ kind = 'info', title, children }: { kind?: 'info' | 'success'; title: string; children?: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role="status">
      <p className="notice__title">{title}</p>
      {children}
    </div>
  );
}
