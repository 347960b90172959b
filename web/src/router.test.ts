import { describe, expect, it } from 'vitest';
import { parseRoute } from './router';

describe('parseRoute', () => {
  it('decodes percent-escaped segments', () => {
    expect(parseRoute('#/profiles/a%20b')).toEqual({ page: 'my-profile', profileId: 'a b', confirmed: false });
  });

  // A link cut off in a mail client or typed by hand ("%" without two hex digits) made
  // decodeURIComponent throw inside the render: the whole app went blank until a reload.
  it.each(['#/profiles/%ZZ', '#/dashboard/%E0%A4%A', '#/matches/p1/p2%/accept', '#/meetings/eu4culture/%'])('answers a malformed escape (%s) with the not-found page instead of throwing', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'not-found' });
  });
});
