import { escapeHtml, link, oneLine, type Mail, type MailLinks } from '../notification.js';
import { scheduleOf, type Meeting } from './meeting.js';

/** The participant a meeting mail goes to: their profile's public name and contact. */
export interface MeetingRecipient {
  id: string;
  name: string;
  contact: { name: string; email: string };
}

/** "10:00" in the meeting's own time zone, for a person reading the timetable on the day. */
function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/**
 * A participant's own schedule: each round's local time, table, partner and why they meet, or that
 * they sit out; a link to the schedule in the web app. `changed` for a re-plan's mail.
 */
export function composeMeetingMail(
  meeting: Meeting,
  recipient: MeetingRecipient,
  nameOf: (profileId: string) => string,
  { baseUrl }: MailLinks,
  changed: boolean,
): Mail {
  const rounds = scheduleOf(meeting, recipient.id);
  const url = link(baseUrl, `profiles/${encodeURIComponent(recipient.id)}/meetings`);
  const subject = oneLine(`CultureBridge: your ${changed ? 'updated ' : ''}schedule for ${meeting.name}`);
  const when = `${meeting.date}, from ${meeting.startTime} (${meeting.timeZone})`;
  const lines = rounds.map((r) => {
    const at = `${localTime(r.startsAt, meeting.timeZone)}–${localTime(r.endsAt, meeting.timeZone)}`;
    return r.partnerId
      ? { text: `Round ${r.round}, ${at}, table ${r.table}: ${nameOf(r.partnerId)}. Why: ${r.summary ?? ''}`, round: r, partner: nameOf(r.partnerId) }
      : { text: `Round ${r.round}, ${at}: a break for you.`, round: r, partner: undefined };
  });
  const text = [
    `Hello ${recipient.contact.name},`,
    '',
    `${changed ? 'The schedule changed. ' : ''}Here is the speed-dating schedule of ${recipient.name} at ${meeting.name}, ${when}:`,
    '',
    ...lines.map((l) => l.text),
    '',
    `See it in CultureBridge: ${url}`,
  ].join('\n');
  const rows = lines
    .map(({ round: r, partner }) => {
      const at = `${localTime(r.startsAt, meeting.timeZone)}–${localTime(r.endsAt, meeting.timeZone)}`;
      return partner
        ? `<tr><td>${r.round}</td><td>${escapeHtml(at)}</td><td>${r.table}</td><td>${escapeHtml(partner)}</td><td>${escapeHtml(r.summary ?? '')}</td></tr>`
        : `<tr><td>${r.round}</td><td>${escapeHtml(at)}</td><td></td><td colspan="2">A break for you</td></tr>`;
    })
    .join('');
  const html = [
    `<p>Hello ${escapeHtml(recipient.contact.name)},</p>`,
    `<p>${changed ? 'The schedule changed. ' : ''}Here is the speed-dating schedule of ${escapeHtml(recipient.name)} at ${escapeHtml(meeting.name)}, ${escapeHtml(when)}:</p>`,
    `<table><thead><tr><th>Round</th><th>Time</th><th>Table</th><th>Partner</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table>`,
    `<p><a href="${escapeHtml(url)}">See it in CultureBridge</a></p>`,
  ].join('\n');
  return { subject, text, html };
}

/** One mail per participant and meeting version: a redelivered event finds it sent. */
export const meetingNotificationId = (meeting: Pick<Meeting, 'id' | 'version'>, profileId: string) => `meeting:${meeting.id}:v${meeting.version}:member:${profileId}`;
