import type { ProfileInput } from '@culturebridge/domain';

/**
 * Demo data for `npm start`, from public facts (DESIGN §9): the EU4Culture network of 14 non-capital
 * cities (2021–2024, led by Goethe-Institut with Czech Centres, Danish Cultural Institute and
 * Institut français de Géorgie) and the EUNIC clusters of the Caucasus and Central Asia.
 *
 * What is public: the cities, their countries, the strategy themes named in `known`, the clusters
 * and their shared topics. What is INVENTED for the demo is listed in each entry's `invented`:
 * every contact (names and e-mail addresses on the reserved .example domain), offers and needs,
 * formats, languages beyond the obvious, availability, and any theme not in `known`.
 */
export interface DemoMember {
  known: string;
  invented: string;
  profile: ProfileInput;
}

export const EU4CULTURE = 'eu4culture';
export const EUNIC = 'eunic-caucasus-central-asia';

/**
 * The demo's network records (time zones: where each network's coordination sits, invented). A name
 * may say "short name: description"; the app uses the short name in sentences.
 */
export const DEMO_NETWORKS = [
  { id: EU4CULTURE, name: 'EU4Culture: cities of Armenia, Azerbaijan, Georgia, Moldova and Ukraine', timeZone: 'Asia/Tbilisi' },
  { id: EUNIC, name: 'EUNIC clusters of the Caucasus and Central Asia', timeZone: 'Asia/Tbilisi' },
];

export const DEMO_COORDINATORS = [
  { network: EU4CULTURE, name: 'EU4Culture coordination (invented contact)', email: 'coordinator@eu4culture.example' },
  { network: EUNIC, name: 'EUNIC regional coordination (invented contact)', email: 'coordinator@eunic-cca.example' },
];

const INVENTED = 'contact, offers, needs, formats, availability, languages other than the national one';

function city(
  name: string,
  country: string,
  known: string,
  themes: ProfileInput['themes'],
  extra: Partial<ProfileInput> & { invented?: string },
): DemoMember {
  const { invented, ...rest } = extra;
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  return {
    known,
    invented: invented ?? INVENTED,
    profile: {
      kind: 'city',
      name,
      country,
      networks: [EU4CULTURE],
      contact: { name: `Culture department of ${name}`, email: `culture@${slug}.example` },
      themes,
      languages: ['en'],
      availability: { from: '2027-01-01', to: '2027-12-31' },
      ...rest,
    },
  };
}

export const DEMO_MEMBERS: DemoMember[] = [
  city('Charentsavan', 'AM', 'member city of EU4Culture', [
    { id: 'creative-industries', priority: 'high' },
    { id: 'youth', priority: 'medium' },
    { id: 'urban-regeneration', priority: 'medium' },
  ], { languages: ['hy', 'en', 'ru'], offers: ['venue', 'local-partners'], needs: ['expertise', 'funding'], formats: ['workshop', 'co-production'], invented: `${INVENTED}; all themes` }),
  city('Ijevan', 'AM', 'strategy: decentralised development, creative economy, heritage', [
    { id: 'creative-industries', priority: 'high' },
    { id: 'cultural-heritage', priority: 'high' },
    { id: 'crafts', priority: 'low' },
  ], { languages: ['hy', 'en', 'ru'], offers: ['venue', 'artists'], needs: ['curatorial-support', 'promotion'], formats: ['artist-residency', 'exhibition'], fundingInstruments: ['eu4culture-grant'], invented: `${INVENTED}; crafts` }),
  city('Sevan', 'AM', 'member city of EU4Culture', [
    { id: 'cultural-tourism', priority: 'high' },
    { id: 'climate-environment', priority: 'high' },
    { id: 'performing-arts', priority: 'low' },
  ], { languages: ['hy', 'en', 'ru'], offers: ['venue', 'accommodation'], needs: ['expertise', 'promotion'], formats: ['festival'], invented: `${INVENTED}; all themes` }),
  city('Khirdalan', 'AZ', 'member city of EU4Culture', [
    { id: 'urban-regeneration', priority: 'high' },
    { id: 'youth', priority: 'high' },
  ], { languages: ['az', 'en', 'ru'], offers: ['venue', 'audience'], needs: ['mentoring', 'curatorial-support'], formats: ['workshop', 'training'], invented: `${INVENTED}; all themes` }),
  city('Lankaran', 'AZ', 'UNESCO Creative City of Gastronomy', [
    { id: 'creative-industries', priority: 'high' },
    { id: 'cultural-tourism', priority: 'high' },
    { id: 'cultural-heritage', priority: 'medium' },
  ], { languages: ['az', 'en', 'ru'], freeTags: ['gastronomy'], offers: ['expertise', 'venue'], needs: ['promotion', 'translation'], formats: ['festival', 'exchange-visit'], invented: `${INVENTED}; cultural heritage` }),
  city('Shaki', 'AZ', 'UNESCO Creative City for crafts and folk art', [
    { id: 'crafts', priority: 'high' },
    { id: 'cultural-heritage', priority: 'high' },
    { id: 'cultural-tourism', priority: 'medium' },
  ], { languages: ['az', 'en', 'ru'], offers: ['expertise', 'artists'], needs: ['funding', 'promotion'], formats: ['exhibition', 'artist-residency'], invented: `${INVENTED}; cultural tourism` }),
  city('Kutaisi', 'GE', 'public art festival', [
    { id: 'visual-arts', priority: 'high' },
    { id: 'urban-regeneration', priority: 'high' },
    { id: 'climate-environment', priority: 'medium' },
  ], { region: 'Imereti', languages: ['ka', 'en'], offers: ['venue', 'audience'], needs: ['curatorial-support', 'artists'], formats: ['festival', 'artist-residency'], fundingInstruments: ['eu4culture-grant'], openToOutsideNetwork: true, invented: `${INVENTED}; climate` }),
  city('Poti', 'GE', 'maritime art residency and festival', [
    { id: 'visual-arts', priority: 'high' },
    { id: 'climate-environment', priority: 'high' },
    { id: 'performing-arts', priority: 'medium' },
  ], { region: 'Samegrelo-Zemo Svaneti', languages: ['ka', 'en'], offers: ['accommodation', 'venue'], needs: ['artists', 'funding'], formats: ['artist-residency', 'festival'], invented: `${INVENTED}; climate` }),
  city('Zugdidi', 'GE', 'strategy: heritage innovation, arts and crafts, gastronomy', [
    { id: 'cultural-heritage', priority: 'high' },
    { id: 'crafts', priority: 'high' },
    { id: 'creative-industries', priority: 'medium' },
  ], { region: 'Samegrelo-Zemo Svaneti', languages: ['ka', 'en', 'ru'], freeTags: ['gastronomy'], offers: ['venue', 'research-data'], needs: ['expertise', 'equipment'], formats: ['exhibition', 'exchange-visit'], invented: INVENTED }),
  city('Cahul', 'MD', 'strategy: festivals, cross-border and European cooperation, youth', [
    { id: 'performing-arts', priority: 'high' },
    { id: 'intercultural-dialogue', priority: 'high' },
    { id: 'youth', priority: 'high' },
  ], { languages: ['ro', 'en', 'ru'], offers: ['audience', 'production-capacity'], needs: ['artists', 'funding'], formats: ['festival', 'joint-funding-application'], fundingInstruments: ['creative-europe', 'interreg'], openToOutsideNetwork: true, invented: INVENTED }),
  city('Orhei', 'MD', 'member city of EU4Culture', [
    { id: 'cultural-heritage', priority: 'high' },
    { id: 'cultural-tourism', priority: 'medium' },
    { id: 'music', priority: 'medium' },
  ], { languages: ['ro', 'en', 'ru'], offers: ['venue', 'local-partners'], needs: ['promotion', 'expertise'], formats: ['festival', 'exchange-visit'], invented: `${INVENTED}; all themes` }),
  city('Poltava', 'UA', 'member city of EU4Culture', [
    { id: 'literature', priority: 'high' },
    { id: 'cultural-heritage', priority: 'medium' },
    { id: 'education', priority: 'medium' },
  ], { languages: ['uk', 'en'], offers: ['expertise', 'translation'], needs: ['venue', 'audience'], formats: ['conference', 'exchange-visit'], invented: `${INVENTED}; all themes` }),
  city('Rivne', 'UA', 'member city of EU4Culture', [
    { id: 'youth', priority: 'high' },
    { id: 'digital-culture', priority: 'high' },
    { id: 'inclusion-accessibility', priority: 'medium' },
  ], { languages: ['uk', 'en'], offers: ['mentoring', 'equipment'], needs: ['venue', 'local-partners'], formats: ['training', 'online-collaboration'], invented: `${INVENTED}; all themes` }),
  city('Vinnytsia', 'UA', 'regional cultural capital', [
    { id: 'creative-industries', priority: 'high' },
    { id: 'urban-regeneration', priority: 'medium' },
    { id: 'performing-arts', priority: 'medium' },
  ], { languages: ['uk', 'en'], offers: ['production-capacity', 'expertise', 'audience'], needs: ['artists', 'curatorial-support'], formats: ['festival', 'co-production'], fundingInstruments: ['eu4culture-grant', 'creative-europe'], openToOutsideNetwork: true, invented: `${INVENTED}; all themes except creative economy` }),
  ...(
    [
      ['EUNIC cluster Armenia', 'AM', ['hy', 'en', 'ru']],
      ['EUNIC cluster Azerbaijan', 'AZ', ['az', 'en', 'ru']],
      ['EUNIC cluster Georgia', 'GE', ['ka', 'en', 'ru']],
      ['EUNIC cluster Kazakhstan', 'KZ', ['kk', 'en', 'ru']],
      ['EUNIC cluster Uzbekistan', 'UZ', ['uz', 'en', 'ru']],
      ['European Spaces of Culture project Turkmenistan', 'TM', ['tk', 'en', 'ru']],
    ] as const
  ).map(([name, country, languages], i): DemoMember => ({
    known: 'EUNIC cluster of the region; shared topics gender equality, climate, civil society, fair collaboration',
    invented: 'contact, offers, needs, formats, availability, the order of priorities',
    profile: {
      kind: 'cluster',
      name,
      country,
      networks: [EUNIC],
      contact: { name: `${name} secretariat`, email: `cluster-${country.toLowerCase()}@eunic.example` },
      themes: [
        { id: 'gender-equality', priority: i % 2 === 0 ? 'high' : 'medium' },
        { id: 'climate-environment', priority: country === 'AZ' ? 'high' : 'medium' },
        { id: 'civil-society', priority: i % 3 === 0 ? 'high' : 'medium' },
        { id: 'intercultural-dialogue', priority: 'medium' },
      ],
      formats: ['networking-meeting', 'conference', 'joint-funding-application'],
      offers: i % 2 === 0 ? ['funding', 'expertise'] : ['expertise', 'local-partners'],
      needs: i % 2 === 0 ? ['local-partners', 'audience'] : ['funding', 'venue'],
      languages: [...languages],
      fundingInstruments: ['eunic-cluster-fund', 'european-spaces-of-culture'],
      openToOutsideNetwork: true,
      availability: { from: '2027-01-01', to: '2027-12-31' },
    },
  })),
];
