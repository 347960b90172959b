import { describe, expect, it } from 'vitest';
import { ApiProblem, SessionLost } from '../api/client';
import { settleApiAction } from './api-action';

const problem = (status: number) => new ApiProblem(status, 'about:blank', `status ${status}`, undefined, []);

describe('an action whose answer says the resource is gone', () => {
  it('shows a failing onGone like any failed action and resolves false: the rejection was the callers\' (unawaited) unhandled rejection', async () => {
    const shown: (ApiProblem | undefined)[] = [];
    const outcome = settleApiAction(() => Promise.reject(problem(404)), {
      onGone: () => Promise.reject(new Error('reload failed')),
      showProblem: (p) => shown.push(p),
      genericTitle: 'Something went wrong',
    });
    await expect(outcome).resolves.toBe(false);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toBeInstanceOf(ApiProblem);
    expect(shown[0]?.title).toBe('Something went wrong');
  });

  it('shows the API problem onGone failed with, as any action shows its own', async () => {
    const shown: (ApiProblem | undefined)[] = [];
    const outcome = settleApiAction(() => Promise.reject(problem(410)), { onGone: () => Promise.reject(problem(503)), showProblem: (p) => shown.push(p), genericTitle: 'x' });
    await expect(outcome).resolves.toBe(false);
    expect(shown).toEqual([problem(503)]);
  });

  it('shows nothing when onGone finds the session gone (the app is on its way to the sign-in page)', async () => {
    const shown: (ApiProblem | undefined)[] = [];
    const outcome = settleApiAction(() => Promise.reject(problem(404)), { onGone: () => Promise.reject(new SessionLost()), showProblem: (p) => shown.push(p), genericTitle: 'x' });
    await expect(outcome).resolves.toBe(false);
    expect(shown).toEqual([]);
  });

  it('calls onGone instead of showing the problem when onGone succeeds', async () => {
    const shown: (ApiProblem | undefined)[] = [];
    let gone = 0;
    const outcome = settleApiAction(() => Promise.reject(problem(404)), { onGone: () => void gone++, showProblem: (p) => shown.push(p), genericTitle: 'x' });
    await expect(outcome).resolves.toBe(false);
    expect([gone, shown]).toEqual([1, []]);
  });

  it('shows any other failure and resolves true on success', async () => {
    const shown: (ApiProblem | undefined)[] = [];
    await expect(settleApiAction(() => Promise.reject(problem(409)), { showProblem: (p) => shown.push(p), genericTitle: 'x' })).resolves.toBe(false);
    await expect(settleApiAction(() => Promise.resolve('ok'), { showProblem: (p) => shown.push(p), genericTitle: 'x' })).resolves.toBe(true);
    expect(shown).toEqual([problem(409)]);
  });
});

describe('an action refused because what it acted on changed meanwhile (409)', () => {
  it('shows the refusal, then calls onConflict so the page shows where things stand; only a 409 does', async () => {
    const events: string[] = [];
    const options = { onConflict: () => void events.push('reload'), showProblem: (p: ApiProblem) => void events.push(`shown ${p.status}`), genericTitle: 'x' };
    await expect(settleApiAction(() => Promise.reject(problem(409)), options)).resolves.toBe(false);
    await expect(settleApiAction(() => Promise.reject(problem(400)), options)).resolves.toBe(false);
    await expect(settleApiAction(() => Promise.resolve(), options)).resolves.toBe(true);
    expect(events).toEqual(['shown 409', 'reload', 'shown 400']);
  });

  it('keeps the refusal shown and never rejects when the reload fails', async () => {
    const shown: ApiProblem[] = [];
    const outcome = settleApiAction(() => Promise.reject(problem(409)), { onConflict: () => Promise.reject(problem(503)), showProblem: (p) => shown.push(p), genericTitle: 'x' });
    await expect(outcome).resolves.toBe(false);
    expect(shown).toEqual([problem(409)]);
  });
});
