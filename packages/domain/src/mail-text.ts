import type { Locale } from './i18n/locales.js';
import { translator } from './i18n/translate.js';
/**
 * Every word our mails say, one entry per mail kind, in English. The composers in notification.ts
 * only assemble these pieces with links and escaping, so translating a mail (issue 15) means giving
 * this object in another language. Functions take the values a sentence needs, already plain text.
 */
export const MAIL_TEXT = {
  common: {
    product: 'CultureBridge',
    greeting: (name: string) => `Hello ${name},`,
    preferences: 'Change how you receive these e-mails, or unsubscribe',
    why: 'Why',
    score: 'Score',
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
      whyMatched: 'Why you were matched',
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
    dashboard: { coordinator: 'Open the network dashboard', member: 'See all your matches' },
    more: (n: number) => `… and ${n} more on the dashboard.`,
  },
  signIn: {
    subject: {
      'sign-in': 'CultureBridge: your sign-in link',
      'confirm-profile': 'CultureBridge: confirm your profile',
      'invite-member': 'CultureBridge: your network invites you to confirm your profile',
    },
    intro: {
      'sign-in': 'Someone (we hope you) asked to sign in to CultureBridge with this address.',
      'confirm-profile': 'A CultureBridge profile was submitted with this address as its contact. Open the link to confirm it; until then it is not matched with anyone.',
      'invite-member':
        'A coordinator of your network added your organisation to CultureBridge, with this address as its contact. Open the link to review your profile and confirm it; until you do, it is not matched with anyone or shown to partners.',
    },
    button: { 'sign-in': 'Sign in', 'confirm-profile': 'Confirm and sign in', 'invite-member': 'Review, confirm and sign in' },
    /** A link valid for a day or more is counted in days (member invitations). */
    validity: (minutes: number) => `The link works once and for ${minutes >= 24 * 60 ? `${Math.round(minutes / (24 * 60))} days` : `${minutes} minutes`}.`,
    ignore: 'If you did not ask for it, ignore this mail: nothing happens without the link.',
  },
} as const;

/**
 * MAIL_TEXT in `locale`: every string issue 15 translated comes from the domain catalogs (`mail.*`);
 * the strings issue 20 added are still English until their keys are in the catalogs.
 */
export function mailText(locale: Locale) {
  const t = translator(locale);
  const m = (key: string, params: Record<string, unknown> = {}) => t(`mail.${key}`, params);
  const E = MAIL_TEXT;
  return {
    ...E,
    weakerMatch: m('weakerMatch'),
    scoreLine: (score: number) => m('score', { score }),
    common: { ...E.common, greeting: (name: string) => m('hello', { name }), preferences: m('preferences'), why: m('why').replace(/:$/, ''), seeMatch: m('seeMatch') },
    coordinatorMatch: {
      ...E.coordinatorMatch,
      subject: (network: string, headline: string) => m('coordinatorSubject', { headline, network }),
      headline: { proposed: (a: string, b: string) => m('matched', { a, b }), confirmed: (a: string, b: string) => m('confirmed', { a, b }) },
      inNetwork: (headline: string, network: string) => m('inNetwork', { headline, network }),
    },
    memberMatch: {
      ...E.memberMatch,
      proposed: { subject: (partner: string) => m('memberSubjectProposed', { partner }), lead: (self: string, partner: string) => m('memberProposed', { self, partner }) },
      confirmed: {
        subject: (partner: string) => m('memberSubjectConfirmed', { partner }),
        lead: (_self: string, partner: string) => m('memberConfirmed', { partner }),
        whyMatched: m('whyMatched').replace(/:$/, ''),
      },
      accept: m('accept'),
      decline: m('decline'),
      contactsLater: m('contactsOnceBoth'),
    },
    signIn: {
      ...E.signIn,
      subject: { 'sign-in': m('signInSubject'), 'confirm-profile': m('confirmSubject'), 'invite-member': m('inviteSubject') },
      intro: { 'sign-in': m('signInIntro'), 'confirm-profile': m('confirmIntro'), 'invite-member': m('inviteIntro') },
      button: { 'sign-in': m('signInButton'), 'confirm-profile': m('confirmButton'), 'invite-member': m('inviteButton') },
      validity: (minutes: number) => (minutes >= 24 * 60 ? m('validForDays', { days: Math.round(minutes / (24 * 60)) }) : m('validFor', { minutes })),
      ignore: m('ignore'),
    },
  };
}
export type MailText = ReturnType<typeof mailText>;
