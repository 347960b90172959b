/**
 * Controlled vocabularies of the profile. Kept as plain data here (not an npm package) because the
 * domain package must stay dependency-free and small enough to bundle into every Lambda; the ISO
 * lists below change a few times a decade.
 */

export const PROFILE_KINDS = ['city', 'cluster', 'organisation'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const FORMATS = [
  'artist-residency',
  'festival',
  'co-production',
  'exchange-visit',
  'training',
  'conference',
  'joint-funding-application',
  'research',
  'exhibition',
  'workshop',
  'networking-meeting',
  'online-collaboration',
] as const;
export type Format = (typeof FORMATS)[number];

/** What a member can offer to a partner, or needs from one: the same list on both sides, so they can complement. */
export const RESOURCES = [
  'venue',
  'expertise',
  'audience',
  'funding',
  'production-capacity',
  'mentoring',
  'translation',
  'accommodation',
  'equipment',
  'artists',
  'curatorial-support',
  'promotion',
  'local-partners',
  'research-data',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const FUNDING_INSTRUMENTS = [
  'creative-europe',
  'eu4culture-grant',
  'european-spaces-of-culture',
  'eunic-cluster-fund',
  'horizon-europe',
  'erasmus-plus',
  'interreg',
  'national-culture-fund',
  'municipal-budget',
  'private-foundation',
] as const;
export type FundingInstrument = (typeof FUNDING_INSTRUMENTS)[number];

/** ISO 3166-1 alpha-2, officially assigned codes. */
export const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/**
 * The countries of the networks' region (the Eastern Partnership, Central Asia and their nearest
 * partners). Every locale's catalog names them (`country.<code>`), as Chromium lacks some locales'
 * country names (i18n/labels.ts); forms offer them first.
 */
export const REGION_COUNTRY_CODES = ['AM', 'AZ', 'GE', 'MD', 'UA', 'KZ', 'UZ', 'TM', 'KG', 'RU', 'TR', 'RO', 'BY', 'DE', 'FR'] as const;

/** The region's working languages, named in every locale's catalog (`language.<code>`) and offered first. */
export const REGION_LANGUAGE_CODES = ['en', 'ru', 'uk', 'ka', 'hy', 'az', 'ro', 'kk', 'uz', 'tk', 'fr', 'de', 'tr'] as const;

/** ISO 639-1 two-letter language codes. */
export const LANGUAGE_CODES = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es ' +
    'et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki ' +
    'kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no ' +
    'nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te ' +
    'tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);
