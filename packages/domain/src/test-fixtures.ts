import type { ProfileInput } from './profile.js';

/** A valid profile to start tests from; override what the test is about. */
export function validProfileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    kind: 'city',
    name: 'Kutaisi',
    country: 'GE',
    region: 'Imereti',
    networks: ['eu4culture'],
    contact: { name: 'Nino Beridze', email: 'culture@kutaisi.example' },
    themes: [
      { id: 'climate-environment', priority: 'high' },
      { id: 'urban-regeneration', priority: 'medium' },
    ],
    freeTags: ['public art festival'],
    formats: ['festival', 'artist-residency'],
    offers: ['venue', 'audience'],
    needs: ['curatorial-support'],
    languages: ['ka', 'en'],
    fundingInstruments: ['eu4culture-grant'],
    availability: { from: '2027-01-01', to: '2027-12-31' },
    openToOutsideNetwork: true,
    description: 'Public art festival in the old town.',
    ...overrides,
  };
}
