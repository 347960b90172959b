import { useState } from 'react';
import type { ApiProblem } from '../api/client';
import { useLocale } from '../i18n/use-locale';
import { settleApiAction } from './api-action';

export interface ApiActionOptions {
  /**
   * Called instead of showing the problem when the action answers 404 or 410: what it acted on is
   * gone (erased or cancelled meanwhile), and the page reads it again to say so. If it fails, its
   * failure is shown as the action's would be.
   */
  onGone?: () => unknown;
  /**
   * Called after a 409 is shown: what it acted on changed meanwhile (a match the partner declined, a
   * meeting whose rounds began), and the page reads it again, so that it shows where things stand
   * beside the refusal rather than offering again what was just refused.
   */
  onConflict?: () => unknown;
}

/**
 * One request a page sends on a press, as every page sends it: `busy` while it runs, `problem` when
 * it failed (the API's problem, or any other failure as one under "Something went wrong", so that it
 * is shown in the reader's language rather than lost in the console), nothing more when the session
 * turned out to be gone (the app is on its way to the sign-in page). `run(action)` clears the last
 * problem, runs `action` (its success effects belong inside it) and resolves to whether it succeeded;
 * it never rejects (see `settleApiAction`).
 */
export function useApiAction({ onGone, onConflict }: ApiActionOptions = {}) {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await settleApiAction(action, { onGone, onConflict, showProblem: setProblem, genericTitle: t('problem.generic') });
    } finally {
      setBusy(false);
    }
  };
  /** Takes the problem away (the form changed, the question was closed). */
  const clear = () => setProblem(undefined);
  return { busy, problem, run, clear };
}
