import type { MatchingProfile } from './types.js';

/** A valid active matching profile to start tests from; override what the test is about. */
export function matchingProfile(overrides: Partial<MatchingProfile> & { id: string }): MatchingProfile {
  return {
    name: overrides.id,
    status: 'active',
    networks: ['eu4culture'],
    country: 'GE',
    themes: [{ id: 'climate-environment', priority: 'high' }],
    formats: [],
    offers: [],
    needs: [],
    languages: ['en'],
    fundingInstruments: [],
    openToOutsideNetwork: false,
    ...overrides,
  };
}
