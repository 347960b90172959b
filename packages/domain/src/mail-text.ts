import type { Locale } from './i18n/locales.js';
import { translator } from './i18n/translate.js';
import { scoreOutOf100 } from './score-text.js';
/**
 * Every word our mails say, one entry per mail kind, in English. The composers in notification.ts
 * only assemble these pieces with links and escaping. Each entry is a `mail.*` key of the domain
 * catalogs (`mailText` below says which), so translating a mail means translating those keys in
 * `packages/domain/locales/<locale>.json`; this object is the English reference the English catalog
 * must match. Functions take the values a sentence needs, already plain text.
 */
/** The brand name: the same in every language. Apart from MAIL_TEXT, so that no bundle carries the English reference just for it. */
const PRODUCT = 'CultureBridge';

export const MAIL_TEXT = {
  common: {
    product: PRODUCT,
    greeting: (name: string) => `Hello ${name},`,
    preferences: 'Change how you receive these e-mails, or unsubscribe',
    // Labels keep their own mark: Armenian ends "Ինչու՝", not with a colon.
    why: 'Why:',
    seeMatch: 'See the match',
  },
  /** To a coordinator, right away, about one match. */
  coordinatorMatch: {
    subject: (network: string, headline: string) => `CultureBridge · ${network}: ${headline}`,
    headline: {
      proposed: (a: string, b: string) => `${a} and ${b} were matched`,
      confirmed: (a: string, b: string) => `${a} and ${b} confirmed their partnership`,
    },
    inNetwork: (headline: string, network: string) => `${headline} in your network ${network}.`,
    dashboard: 'Open the network dashboard',
  },
  /** To a member, right away, about one of its matches. */
  memberMatch: {
    proposed: {
      subject: (partner: string) => `CultureBridge: you were matched with ${partner}`,
      lead: (self: string, partner: string) => `${self} was matched with ${partner}.`,
    },
    accepted: {
      subject: (partner: string) => `CultureBridge: ${partner} accepted your match`,
      lead: (self: string, partner: string) => `${partner} accepted the match with ${self}. It is your turn to answer.`,
    },
    confirmed: {
      subject: (partner: string) => `CultureBridge: you and ${partner} both accepted`,
      lead: (_self: string, partner: string) => `You and ${partner} both accepted the match. You can now contact each other:`,
      whyMatched: 'Why you were matched:',
    },
    expired: {
      subject: (partner: string) => `CultureBridge: your match with ${partner} expired`,
      lead: (self: string, partner: string) => `The match of ${self} with ${partner} expired: it waited too long for an answer. We will propose other partners.`,
    },
    reminder: {
      subject: (partner: string) => `CultureBridge: ${partner} is waiting for your answer`,
      lead: (self: string, partner: string) => `${self} was matched with ${partner} and has not answered yet. Unanswered matches expire, so that other members get a chance.`,
    },
    accept: 'Accept',
    decline: 'Decline',
    contactsLater: 'Contacts are shared only when both of you accept.',
  },
  /** A daily or weekly digest, to a coordinator (about a network) or a member (about its profile). */
  digest: {
    frequency: { daily: 'daily digest', weekly: 'weekly digest', now: 'digest' },
    subject: (scope: string, frequency: string, headline: string, period: string) => `CultureBridge · ${scope}: ${frequency}, ${headline} (${period})`,
    nothingNew: 'nothing new',
    intro: { coordinator: (network: string) => `What happened in your network ${network} since the last digest:`, member: (profile: string) => `What happened to the matches of ${profile} since the last digest:` },
    counts: {
      new: (n: number) => `${n} new ${n === 1 ? 'match' : 'matches'}`,
      accepted: (n: number) => `${n} accepted by one side`,
      confirmed: (n: number) => `${n} confirmed by both`,
      waiting: (n: number) => `${n} waiting for an answer`,
      expired: (n: number) => `${n} expired`,
    },
    item: {
      proposed: (a: string, b: string) => `New: ${a} and ${b}`,
      accepted: (a: string, b: string) => `Accepted by one side: ${a} and ${b}`,
      confirmed: (a: string, b: string) => `Confirmed: ${a} and ${b}`,
      expired: (a: string, b: string) => `Expired: ${a} and ${b}`,
      reminder: (a: string, b: string) => `Waiting for your answer: ${a} and ${b}`,
    },
    /** A member's line about a match accepted by one side: whose answer it waits for. */
    acceptedByYou: (partner: string) => `You accepted: waiting for ${partner}`,
    acceptedByPartner: (partner: string) => `${partner} accepted: your answer is awaited`,
    /** An item about a weaker match (#14: weaker matches are marked in mails too). */
    weakerItem: (item: string) => `${item} (weaker match)`,
    dashboard: { coordinator: 'Open the network dashboard', member: 'See all your matches' },
    more: (n: number) => `… and ${n} more on the dashboard.`,
    /** A weekly digest's period, by the Monday of its ISO week (a date as the language writes it). */
    weekOf: (date: string) => `week of ${date}`,
  },
  /** The magic-link mail; a confirmation or an invitation names the profile (and the network) it is about. */
  signIn: {
    subject: {
      'sign-in': 'CultureBridge: your sign-in link',
      'confirm-profile': (profile: string) => `CultureBridge: confirm the profile ${profile}`,
      'invite-member': (network: string, profile: string) => `CultureBridge · ${network}: confirm the profile ${profile}`,
    },
    intro: {
      'sign-in': 'Someone (we hope you) asked to sign in to CultureBridge with this address.',
      'confirm-profile': (profile: string) => `The CultureBridge profile ${profile} was submitted with this address as its contact. Open the link to confirm it; until then it is not matched with anyone.`,
      'invite-member': (network: string, profile: string) =>
        `A coordinator of ${network} added your organisation to CultureBridge as the profile ${profile}, with this address as its contact. Open the link to review the profile and confirm it; until you do, it is not matched with anyone or shown to partners.`,
    },
    button: { 'sign-in': 'Sign in', 'confirm-profile': 'Confirm and sign in', 'invite-member': 'Review, confirm and sign in' },
    /** A confirmation link to the new address of an active profile (its owner asked for it), instead of intro['confirm-profile']. */
    changeIntro: (profile: string) => `The owner of the CultureBridge profile ${profile} asked to make this address its contact. Open the link to confirm: from then on its mails come here, and this address signs in to it. Until then nothing changes.`,
    /** A link valid for a day or more is counted in days (member invitations). */
    validity: (minutes: number) => `The link works once and for ${minutes >= 24 * 60 ? `${Math.round(minutes / (24 * 60))} days` : `${minutes} minutes`}.`,
    ignore: 'If you did not ask for it, ignore this mail: nothing happens without the link.',
    /** An invitation was asked for by nobody it reaches: it ends by saying what ignoring it means. */
    inviteIgnore: (profile: string) => `If ${profile} is not your organisation, ignore this mail: nothing about it is shown to anyone until you confirm.`,
  },
} as const;

/** MAIL_TEXT's shape with plain strings: what `mailText(locale)` gives in any language. */
type Shape<T> = T extends string ? string : T extends (...args: infer A) => string ? (...args: A) => string : { readonly [K in keyof T]: Shape<T[K]> };

/**
 * MAIL_TEXT in `locale`: every string comes from the domain catalogs (`mail.*`), the brand name
 * excepted. The English catalog says exactly what MAIL_TEXT says (mail-text.test.ts compares them),
 * so an English mail reads the same whichever it is built from. Counts are plural keys
 * (`mail.digestNew_one`, `_few`, …), chosen by Intl.PluralRules for the locale.
 */
export function mailText(locale: Locale) {
  const t = translator(locale);
  const m = (key: string, params: Record<string, unknown> = {}) => t(`mail.${key}`, params);
  const text: Shape<typeof MAIL_TEXT> = {
    common: { product: PRODUCT, greeting: (name) => m('hello', { name }), preferences: m('preferences'), why: m('why'), seeMatch: m('seeMatch') },
    coordinatorMatch: {
      subject: (network, headline) => m('coordinatorSubject', { headline, network }),
      headline: { proposed: (a, b) => m('matched', { a, b }), confirmed: (a, b) => m('confirmed', { a, b }) },
      inNetwork: (headline, network) => m('inNetwork', { headline, network }),
      dashboard: m('openDashboard'),
    },
    memberMatch: {
      proposed: { subject: (partner) => m('memberSubjectProposed', { partner }), lead: (self, partner) => m('memberProposed', { self, partner }) },
      accepted: { subject: (partner) => m('memberSubjectAccepted', { partner }), lead: (self, partner) => m('memberAccepted', { self, partner }) },
      confirmed: {
        subject: (partner) => m('memberSubjectConfirmed', { partner }),
        lead: (_self, partner) => m('memberConfirmed', { partner }),
        whyMatched: m('whyMatched'),
      },
      expired: { subject: (partner) => m('memberSubjectExpired', { partner }), lead: (self, partner) => m('memberExpired', { self, partner }) },
      reminder: { subject: (partner) => m('memberSubjectReminder', { partner }), lead: (self, partner) => m('memberReminder', { self, partner }) },
      accept: m('accept'),
      decline: m('decline'),
      contactsLater: m('contactsOnceBoth'),
    },
    digest: {
      frequency: { daily: m('digestDaily'), weekly: m('digestWeekly'), now: m('digestNow') },
      subject: (scope, frequency, headline, period) => m('digestSubject', { scope, frequency, headline, period }),
      nothingNew: m('digestNothingNew'),
      intro: { coordinator: (network) => m('digestIntroCoordinator', { network }), member: (profile) => m('digestIntroMember', { profile }) },
      counts: {
        new: (count) => m('digestNew', { count }),
        accepted: (count) => m('digestAccepted', { count }),
        confirmed: (count) => m('digestConfirmed', { count }),
        waiting: (count) => m('digestWaiting', { count }),
        expired: (count) => m('digestExpired', { count }),
      },
      item: {
        proposed: (a, b) => m('digestItemProposed', { a, b }),
        accepted: (a, b) => m('digestItemAccepted', { a, b }),
        confirmed: (a, b) => m('digestItemConfirmed', { a, b }),
        expired: (a, b) => m('digestItemExpired', { a, b }),
        reminder: (a, b) => m('digestItemReminder', { a, b }),
      },
      acceptedByYou: (partner) => m('digestItemAcceptedByYou', { partner }),
      acceptedByPartner: (partner) => m('digestItemAcceptedByPartner', { partner }),
      weakerItem: (item) => m('digestItemWeaker', { item }),
      dashboard: { coordinator: m('openDashboard'), member: m('seeAllMatches') },
      more: (count) => m('digestMore', { count }),
      weekOf: (date) => m('digestWeekOf', { date }),
    },
    signIn: {
      subject: {
        'sign-in': m('signInSubject'),
        'confirm-profile': (profile) => m('confirmSubject', { profile }),
        'invite-member': (network, profile) => m('inviteSubject', { network, profile }),
      },
      intro: {
        'sign-in': m('signInIntro'),
        'confirm-profile': (profile) => m('confirmIntro', { profile }),
        'invite-member': (network, profile) => m('inviteIntro', { network, profile }),
      },
      button: { 'sign-in': m('signInButton'), 'confirm-profile': m('confirmButton'), 'invite-member': m('inviteButton') },
      changeIntro: (profile) => m('changeIntro', { profile }),
      validity: (minutes) => (minutes >= 24 * 60 ? m('validForDays', { days: Math.round(minutes / (24 * 60)) }) : m('validFor', { minutes })),
      ignore: m('ignore'),
      inviteIgnore: (profile) => m('inviteIgnore', { profile }),
    },
  };
  // scoreLine: a score in [0, 1] as "Score: 22/100", written as the pages write it (scoreOutOf100).
  return { ...text, weakerMatch: m('weakerMatch'), scoreLine: (score: number) => m('score', { score: scoreOutOf100(score) }) };
}
export type MailText = ReturnType<typeof mailText>;
