import { asProblem, SessionLost, type ApiProblem } from '../api/client';
import { isGone } from './resource-state';

export interface SettleOptions {
  /** Called instead of showing the problem when the action answers 404 or 410 (see `useApiAction`). */
  onGone?: () => unknown;
  /** Called after a 409 is shown (see `useApiAction`). */
  onConflict?: () => unknown;
  /** Shows a failure to the reader. */
  showProblem: (problem: ApiProblem) => void;
  /** The title of a failure that is not the API's own problem ("Something went wrong", translated). */
  genericTitle: string;
}

/**
 * Runs `action` and settles it as every page's press does: resolves true on success, false on any
 * failure, never rejects (callers of `run` do not await it in handlers, so a rejection would be an
 * unhandled one). A failure is shown through `showProblem`, except a lost session (the app is on its
 * way to the sign-in page) and a gone resource with `onGone`, which is called instead; if `onGone`
 * itself fails, that failure is shown like the action's own would be. A 409 is shown and then
 * `onConflict` is called; the 409 stays shown whether it succeeds or fails (the page keeps what it
 * showed when its reload fails, as any failed reload does).
 */
export async function settleApiAction(action: () => Promise<unknown>, { onGone, onConflict, showProblem, genericTitle }: SettleOptions): Promise<boolean> {
  const show = (error: unknown) => {
    if (!(error instanceof SessionLost)) showProblem(asProblem(error, genericTitle));
  };
  try {
    await action();
    return true;
  } catch (error) {
    if (error instanceof SessionLost) return false;
    const failure = asProblem(error, genericTitle);
    if (!onGone || !isGone(failure)) {
      showProblem(failure);
      if (onConflict && failure.status === 409) await Promise.resolve().then(onConflict).catch(() => undefined);
      return false;
    }
    try {
      await onGone();
    } catch (goneFailure) {
      show(goneFailure);
    }
    return false;
  }
}
