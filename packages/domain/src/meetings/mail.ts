import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.js';
import { formatDate } from '../i18n/labels.js';
import { translator } from '../i18n/translate.js';
import { timeZoneLabel } from '../time-zones.js';
import { escapeHtml, htmlPage, link, oneLine, type Mail, type MailLinks } from '../notification.js';
import type { Meeting } from './meeting.js';
import { personalLines } from './personal.js';

/** The participant a meeting mail goes to: their profile's public name, contact and language. */
export interface MeetingRecipient {
  id: string;
  name: string;
  contact: { name: string; email: string };
  /** The recipient's language (issue 15); English when absent. */
  locale?: Locale;
}

/** What a meeting mail needs besides the meeting and its recipient. */
export interface MeetingMailOptions extends MailLinks {
  /** How reasons name a shared network (its display name); the known name or the id when absent. */
  networkName?: (networkId: string) => string;
}

/** The meeting's zone as a person reads it on its day (timeZoneLabel): "UTC−12:00" for Etc/GMT+12. */
function zoneOf(meeting: Meeting): string {
  return timeZoneLabel(meeting.timeZone, new Date(meeting.schedule[0]?.startsAt ?? `${meeting.date}T12:00:00Z`));
}

/**
 * A participant's own schedule, in the recipient's language: each round's local time, table, partner
 * and why they meet (from the structured reasons, read from the recipient's side), or that they sit
 * out; a link to the schedule in the web app. `changed` for a re-plan's mail; `calendarRestarted`
 * when the participant's calendar events started over since the schedule it holds (see
 * MeetingNotice): the mail says the entries it may have from before no longer hold.
 */
export function composeMeetingMail(
  meeting: Meeting,
  recipient: MeetingRecipient,
  nameOf: (profileId: string) => string,
  { baseUrl, networkName }: MeetingMailOptions,
  changed: boolean,
  calendarRestarted = false,
): Mail {
  const locale = recipient.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const m = (key: string, params: Record<string, unknown> = {}) => t(`mail.${key}`, params);
  const url = link(baseUrl, `profiles/${encodeURIComponent(recipient.id)}/meetings`);
  const subject = oneLine(m(changed ? 'meetingSubjectChanged' : 'meetingSubject', { meeting: meeting.name }));
  const intro = m(changed ? 'meetingIntroChanged' : 'meetingIntro', { name: recipient.name, meeting: meeting.name, date: formatDate(meeting.date, locale), time: meeting.startTime, timeZone: zoneOf(meeting) });
  const why = m('why');
  const lines = personalLines(meeting, recipient, nameOf, locale, networkName).map((l) => ({
    ...l,
    text: l.partner === undefined ? m('meetingBreak', { round: l.round, time: l.time }) : `${m('meetingRound', { round: l.round, time: l.time, table: l.table, partner: l.partner })} ${why} ${l.reasons}`,
  }));
  const calendar = calendarRestarted ? m('meetingCalendarRestarted') : undefined;
  const text = [m('hello', { name: recipient.contact.name }), '', intro, '', ...lines.map((l) => l.text), '', ...(calendar ? [calendar, ''] : []), `${m('meetingSee')}: ${url}`].join('\n');
  const rows = lines
    .map(({ round, time, table, partner, reasons }) =>
      partner !== undefined
        ? `<tr><td>${round}</td><td>${escapeHtml(time)}</td><td>${table ?? ''}</td><td>${escapeHtml(partner)}</td><td>${escapeHtml(reasons)}</td></tr>`
        : `<tr><td>${round}</td><td>${escapeHtml(time)}</td><td></td><td colspan="2">${escapeHtml(m('meetingBreakCell'))}</td></tr>`,
    )
    .join('');
  const header = ['meetingColumnRound', 'meetingColumnTime', 'meetingColumnTable', 'meetingColumnPartner'].map((k) => `<th>${escapeHtml(m(k))}</th>`).join('') + `<th>${escapeHtml(why.replace(/[:：՝]\s*$/, ''))}</th>`;
  const html = htmlPage(
    subject,
    [
      `<p>${escapeHtml(m('hello', { name: recipient.contact.name }))}</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      `<table><thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table>`,
      ...(calendar ? [`<p>${escapeHtml(calendar)}</p>`] : []),
      `<p><a href="${escapeHtml(url)}">${escapeHtml(m('meetingSee'))}</a></p>`,
    ].join('\n'),
    locale,
  );
  return { subject, text, html };
}

/**
 * A participant's notice that the meeting is cancelled, in the recipient's language: which meeting
 * (name, day, local start), that its rounds will not take place, to delete them from their calendar,
 * and a link to the schedules still standing. Names no other participant.
 */
export function composeMeetingCancelledMail(meeting: Meeting, recipient: MeetingRecipient, links: MailLinks): Mail {
  return noticeMail(meeting, recipient, links, 'meetingSubjectCancelled', 'meetingIntroCancelled');
}

/**
 * A former participant's notice that a change took them out of the meeting, in their language:
 * which meeting (name, day, local start), that the schedule they had no longer holds, to delete its
 * rounds from their calendar, and a link to the schedules still standing. Names no other participant.
 */
export function composeMeetingRemovedMail(meeting: Meeting, recipient: MeetingRecipient, links: MailLinks): Mail {
  return noticeMail(meeting, recipient, links, 'meetingSubjectRemoved', 'meetingIntroRemoved');
}

/** A short notice about a meeting: a greeting, one paragraph (`introKey`) and the link to the member's schedules. */
function noticeMail(meeting: Meeting, recipient: MeetingRecipient, { baseUrl }: MailLinks, subjectKey: string, introKey: string): Mail {
  const locale = recipient.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const m = (key: string, params: Record<string, unknown> = {}) => t(`mail.${key}`, params);
  const url = link(baseUrl, `profiles/${encodeURIComponent(recipient.id)}/meetings`);
  const hello = m('hello', { name: recipient.contact.name });
  const intro = m(introKey, { name: recipient.name, meeting: meeting.name, date: formatDate(meeting.date, locale), time: meeting.startTime, timeZone: zoneOf(meeting) });
  // Its rounds may be in the participant's calendar, and no file of ours can take them out now.
  const calendar = m('meetingCalendarDelete');
  const subject = oneLine(m(subjectKey, { meeting: meeting.name }));
  return {
    subject,
    text: [hello, '', intro, '', calendar, '', `${m('meetingSee')}: ${url}`].join('\n'),
    html: htmlPage(subject, [`<p>${escapeHtml(hello)}</p>`, `<p>${escapeHtml(intro)}</p>`, `<p>${escapeHtml(calendar)}</p>`, `<p><a href="${escapeHtml(url)}">${escapeHtml(m('meetingSee'))}</a></p>`].join('\n'), locale),
  };
}

/** One mail per participant and meeting version: a redelivered event finds it sent. */
export const meetingNotificationId = (meeting: Pick<Meeting, 'id' | 'version'>, profileId: string) => `meeting:${meeting.id}:v${meeting.version}:member:${profileId}`;
