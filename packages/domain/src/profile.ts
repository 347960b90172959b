import * as z from 'zod';
import { LocaleSchema } from './i18n/locales.js';
import type { Memberships } from './network.js';
import { THEME_IDS } from './taxonomy.js';
import { expected, multiLineText, oneLineText, publishedText, quoted } from './text.js';
import { calendarDay } from './calendar-day.js';
import {
  COUNTRY_CODES,
  FORMATS,
  FUNDING_INSTRUMENTS,
  LANGUAGE_CODES,
  PRIORITIES,
  PROFILE_KINDS,
  RESOURCES,
} from './vocabulary.js';

/** One schema validates the web form, the API and CSV import: change it here and all three follow. */

export const LIMITS = {
  nameLength: 120,
  regionLength: 120,
  descriptionLength: 4000,
  networks: 10,
  themes: 15,
  freeTags: 20,
  tagLength: 40,
  listItems: 14,
  languages: 12,
} as const;

// Every one-line field of the profile is one line of visible text (see text.ts).
const text = oneLineText;

function oneOf<const T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `${label} is required`
        : typeof issue.input === 'string'
          ? `${quoted(issue.input)} is not a known ${label}; use one of: ${values.join(', ')}`
          : `${label} must be one of: ${values.join(', ')}`,
  });
}

/** Rejects duplicates so that a list means a set; the message names the repeated value. */
function uniqueList<T extends z.ZodType>(item: T, label: string, max: number, key: (v: z.output<T>) => string) {
  return z
    .array(item, { error: expected(label, 'a list') })
    .max(max, { error: `at most ${max} ${label} are allowed` })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((value, index) => {
        const k = key(value);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [index], message: `"${k}" is listed twice`, params: { code: 'duplicate', value: k } });
        seen.add(k);
      });
    });
}

export const slug = (label: string) =>
  z
    .string({ error: expected(label, 'text') })
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: `${label} must be 2-63 lowercase letters, digits or hyphens` });

export const NetworkId = slug('network id');

export const CountryCode = z
  .string({ error: expected('country', 'a two-letter ISO 3166-1 code such as "GE"') })
  .refine((c) => COUNTRY_CODES.has(c), {
    params: { code: 'unknown_country' },
    error: (issue) => `${quoted(issue.input)} is not an ISO 3166-1 alpha-2 country code (e.g. "GE", "AM", "UA")`,
  });

export const LanguageCode = z
  .string({ error: expected('language', 'a two-letter ISO 639-1 code such as "en"') })
  .refine((c) => LANGUAGE_CODES.has(c), {
    params: { code: 'unknown_language' },
    error: (issue) => `${quoted(issue.input)} is not an ISO 639-1 language code (e.g. "en", "ka", "uk")`,
  });

export const ThemeIdSchema = z.enum(THEME_IDS, {
  error: (issue) =>
    issue.input === undefined
      ? 'theme id is required'
      : typeof issue.input === 'string'
        ? `${quoted(issue.input)} is not a theme of the taxonomy; put unmapped tags in freeTags`
        : 'theme id must be text',
});

export const ThemeInterest = z.strictObject(
  {
    id: ThemeIdSchema,
    priority: oneOf(PRIORITIES, 'priority'),
  },
  { error: expected('theme', 'an object with id and priority') },
);

export const Availability = z
  .strictObject(
    { from: calendarDay('availability.from'), to: calendarDay('availability.to') },
    { error: expected('availability', 'an object with from and to dates') },
  )
  .refine((a) => a.from <= a.to, { error: 'availability must not end before it starts', path: ['to'], params: { code: 'date_order' } });

export const Contact = z.strictObject(
  {
    name: text('contact name', LIMITS.nameLength),
    email: z.email({ error: expected('contact email', 'a valid e-mail address') }).max(254).toLowerCase(),
  },
  { error: expected('contact', 'an object with name and email') },
);

/** How often a member hears about its matches: a mail per change, a daily or weekly digest, or never. */
export const MEMBER_MAIL_FREQUENCIES = ['immediate', 'daily', 'weekly', 'off'] as const;
export type MemberMailFrequency = (typeof MEMBER_MAIL_FREQUENCIES)[number];

export const ProfileInput = z.strictObject({
  kind: oneOf(PROFILE_KINDS, 'profile kind'),
  name: publishedText(text('name', LIMITS.nameLength), 'name'),
  country: CountryCode,
  region: publishedText(text('city or region', LIMITS.regionLength), 'city or region').optional(),
  networks: uniqueList(NetworkId, 'networks', LIMITS.networks, (n) => n).min(1, {
    error: 'name at least one network',
  }),
  contact: Contact,
  themes: uniqueList(ThemeInterest, 'themes', LIMITS.themes, (t) => t.id).min(1, {
    error: 'choose at least one theme',
  }),
  freeTags: uniqueList(publishedText(text('tag', LIMITS.tagLength), 'tag'), 'free tags', LIMITS.freeTags, (t) => t.toLowerCase()).default([]),
  formats: uniqueList(oneOf(FORMATS, 'format'), 'formats', FORMATS.length, (f) => f).default([]),
  offers: uniqueList(oneOf(RESOURCES, 'offer'), 'offers', RESOURCES.length, (r) => r).default([]),
  needs: uniqueList(oneOf(RESOURCES, 'need'), 'needs', RESOURCES.length, (r) => r).default([]),
  languages: uniqueList(LanguageCode, 'languages', LIMITS.languages, (l) => l).min(1, {
    error: 'name at least one working language',
  }),
  fundingInstruments: uniqueList(oneOf(FUNDING_INSTRUMENTS, 'funding instrument'), 'funding instruments', FUNDING_INSTRUMENTS.length, (f) => f).default([]),
  availability: Availability.optional(),
  openToOutsideNetwork: z.boolean({ error: expected('openToOutsideNetwork', 'true or false') }).default(false),
  /** Before mail frequencies: true meant a mail per match. Kept so older clients still work; `mailFrequency` wins. */
  matchEmails: z.boolean({ error: expected('matchEmails', 'true or false') }).default(false),
  /**
   * The language the member reads the web app, mails and match reasons in (the web form sends the
   * browser's language); absent reads as English (profiles stored before it existed). A preference
   * like matchEmails: never in events or public profile reads.
   */
  locale: LocaleSchema.optional(),
  /** How often the contact hears about matches; a daily digest when absent (see memberMailFrequency). */
  mailFrequency: z.enum(MEMBER_MAIL_FREQUENCIES, { error: expected('mailFrequency', 'one of immediate, daily, weekly, off') }).optional(),
  description: publishedText(multiLineText('description', LIMITS.descriptionLength), 'description').default(''),
}, { error: expected('the body', 'a JSON object with the profile fields') });

/** What a client sends. */
export type ProfileInput = z.input<typeof ProfileInput>;
/** What is stored: defaults applied, strings trimmed. */
export type ProfileData = z.output<typeof ProfileInput>;

export const ProfileUpdate = ProfileInput.extend({
  version: z.number({ error: expected('version', 'the number you read with the profile') }).int().min(1),
});
export type ProfileUpdate = z.output<typeof ProfileUpdate>;

export const PROFILE_STATUSES = ['pending', 'active', 'withdrawn'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

/** A stored profile as the API returns it to its owner. */
export interface Profile extends ProfileData {
  id: string;
  version: number;
  status: ProfileStatus;
  createdAt: string;
  updatedAt: string;
  /** Per named network: requested, approved or rejected (absent on profiles stored before; see network.ts). */
  memberships?: Memberships;
  /** A new contact the owner asked for, waiting for its address to confirm (server-managed; see contactChange). */
  pendingContact?: PendingContact;
}

/**
 * A contact change waiting for the new address to confirm: the profile keeps its `contact` until
 * then. `version` is the profile version that asked for it; the link mailed to the new address
 * names it, so only the latest request's link applies. Personal data, like `contact`.
 */
export interface PendingContact {
  name: string;
  email: string;
  /** ISO 8601 instant its link was last sent: the request, or the same address saved again after that link expired. */
  requestedAt: string;
  version: number;
}

/**
 * What an update naming the contact address `email` does to a profile's contact:
 * - `none`: the current address, and no change waiting;
 * - `cancel`: the current address while a change waits (the change is dropped);
 * - `move`: a new address for a profile that is not active (never confirmed): the address moves at
 *   once and the profile stays pending until the new address confirms; it has no matches to lose;
 * - `request`: a new address for an active profile: it stays with its contact, and the new one
 *   waits (a `PendingContact`) until a link mailed to it is opened; a change already waiting is
 *   replaced;
 * - `keep`: the address of the change already waiting (a form saved again): nothing new is mailed
 *   while its link may still work (the API sends a fresh one once that link has expired).
 * Addresses compare trimmed and lower-cased, as they are stored.
 */
export type ContactChange = 'none' | 'cancel' | 'move' | 'request' | 'keep';

export function contactChange(current: Pick<Profile, 'status' | 'contact' | 'pendingContact'>, email: string): ContactChange {
  const same = (a: string) => a.trim().toLowerCase() === email.trim().toLowerCase();
  if (same(current.contact.email)) return current.pendingContact ? 'cancel' : 'none';
  if (current.status !== 'active') return 'move';
  return current.pendingContact && same(current.pendingContact.email) ? 'keep' : 'request';
}

/**
 * Days a contact change waits after its last link was sent (`requestedAt`): then it lapses (not
 * shown, not applied by any link, removed from the item when next read or written). A typo'd
 * address is never confirmed, and must not stand before the coordinators for good; a week covers a
 * member who asked on a Friday and whose new mailbox is opened the next week, and saving the
 * address again sends a new link and starts a new week.
 */
export const CONTACT_CHANGE_LIFETIME_DAYS = 7;

/** The instant (epoch ms) a waiting change lapses: `requestedAt` + CONTACT_CHANGE_LIFETIME_DAYS. */
export function contactChangeLapsesAt(waiting: Pick<PendingContact, 'requestedAt'>): number {
  return Date.parse(waiting.requestedAt) + CONTACT_CHANGE_LIFETIME_DAYS * 86_400_000;
}

/** Whether the waiting change of `profile` has lapsed at `nowMs` (epoch ms); false without one. */
export function contactChangeLapsed(profile: Pick<Profile, 'pendingContact'>, nowMs: number): boolean {
  const waiting = profile.pendingContact;
  return waiting !== undefined && nowMs >= contactChangeLapsesAt(waiting);
}

/** `profile` as it stands at `nowMs` (epoch ms): without its waiting change once that lapsed, else the same object. */
export function withoutLapsedContactChange<P extends Pick<Profile, 'pendingContact'>>(profile: P, nowMs: number): P {
  if (!contactChangeLapsed(profile, nowMs)) return profile;
  const { pendingContact: _lapsed, ...rest } = profile;
  return rest as P;
}

/** The contact a profile's owner asked for: the one waiting for its address to confirm, if any, else its own. */
export function requestedContact(profile: Pick<Profile, 'contact' | 'pendingContact'>): Profile['contact'] {
  return profile.pendingContact ? { name: profile.pendingContact.name, email: profile.pendingContact.email } : profile.contact;
}

/**
 * Fields that are not personal data: what a partner, an event or a log may see. `matchEmails` and
 * `locale` and `mailFrequency` are the owner's preferences, not something about the organisation a partner should read,
 * so they stay out too.
 */
export type PublicProfile = Omit<Profile, 'contact' | 'pendingContact' | 'matchEmails' | 'locale' | 'mailFrequency'>;

export function toPublicProfile(profile: Profile): PublicProfile {
  const { contact: _contact, pendingContact: _pendingContact, matchEmails: _matchEmails, locale: _locale, mailFrequency: _mailFrequency, ...rest } = profile;
  return rest;
}

/** The profile's JSON Schema, for partner systems and the web form. */
export function profileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ProfileInput, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
