import { describe, expect, it } from 'vitest';
import { composeMeetingCancelledMail, composeMeetingMail, composeMeetingRemovedMail } from './mail.js';
import type { Meeting } from './meeting.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const meeting: Meeting = {
  id: 'm1', networkId: 'eu4culture', name: 'Speed dating', date: '2027-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 1,
  participants: [A, B, C], requests: [], version: 2, unmetRequests: [], createdAt: '2026-11-30T09:00:00Z', updatedAt: '2026-11-30T09:00:00Z',
  schedule: [
    { round: 1, startsAt: '2027-05-12T06:00:00Z', endsAt: '2027-05-12T06:10:00Z', byes: [C], meetings: [{ table: 1, profileIds: [A, B], requested: false, score: 0.5, reasons: [{ kind: 'shared-theme', themeId: 'youth', priorities: ['high', 'high'] }], summary: 'Both give Youth high priority' }] },
    { round: 2, startsAt: '2027-05-12T06:15:00Z', endsAt: '2027-05-12T06:25:00Z', byes: [A], meetings: [{ table: 1, profileIds: [B, C], requested: false, score: 0.4, reasons: [], summary: 's' }] },
  ],
};
const names: Record<string, string> = { [A]: 'Kutaisi', [B]: 'Gyumri', [C]: 'Lviv' };
const recipient = (locale?: 'uk' | 'az') => ({ id: A, name: 'Kutaisi', contact: { name: 'Nino', email: 'nino@kutaisi.example' }, ...(locale ? { locale } : {}) });
const mail = (locale: 'uk' | 'az' | undefined, changed = false, calendarRestarted = false) => composeMeetingMail(meeting, recipient(locale), (id) => names[id] ?? id, { baseUrl: 'https://app.culturebridge.example' }, changed, calendarRestarted);

describe('a participant\'s meeting mail in the recipient\'s language (issue 15)', () => {
  it('in English by default: subject, greeting, rounds with the reasons from the recipient\'s side, and the break', () => {
    const m = mail(undefined);
    expect(m.subject).toBe('CultureBridge: your schedule for Speed dating');
    expect(m.text.split('\n')).toEqual([
      'Hello Nino,',
      '',
      'Here is the speed-dating schedule of Kutaisi at Speed dating, May 12, 2027, from 10:00 (Asia/Tbilisi, UTC+04:00):',
      '',
      expect.stringMatching(/^Round 1, 10:00–10:10, table 1: Gyumri\. Why: .*Youth/),
      'Round 2, 10:15–10:25: a break for you.',
      '',
      'See it in CultureBridge: https://app.culturebridge.example/#/profiles/11111111-1111-4111-8111-111111111111/meetings',
    ]);
    expect(mail(undefined, true).subject).toBe('CultureBridge: your updated schedule for Speed dating');
  });

  it('tells one whose calendar entries started over (put back before its removal was told) that the earlier ones no longer hold, in text and HTML', () => {
    const m = mail(undefined, true, true);
    const line = 'Your calendar entries for this meeting from the schedule you had before no longer hold: download the calendar from CultureBridge again (it cancels them and adds the rounds anew), or delete them by hand.';
    expect(m.text.split('\n')).toContain(line);
    expect(m.html).toContain(line);
    expect(mail(undefined, true).text).not.toContain('no longer hold');
    expect(mail('uk', true, true).text).not.toContain(line);
  });

  it('in Ukrainian and Azerbaijani, subject and body', () => {
    const uk = mail('uk', true);
    expect(uk.subject).toBe('CultureBridge: оновлений розклад на зустріч «Speed dating»');
    expect(uk.text).toContain('Вітаємо, Nino!');
    expect(uk.text).toContain('Розклад змінився. Розклад зустрічей Kutaisi на «Speed dating», 12 травня 2027 р., з 10:00 (Asia/Tbilisi, UTC+04:00):');
    expect(uk.text).toMatch(/^Раунд 1, 10:00–10:10, стіл 1: Gyumri\. Чому: \S/m);
    expect(uk.text).toContain('Раунд 2, 10:15–10:25: у вас перерва.');
    expect(uk.html).toContain('<th>Партнер</th>');
    const az = mail('az');
    expect(az.subject).toBe('CultureBridge: «Speed dating» görüşü üçün cədvəliniz');
    expect(az.text).toContain('Salam, Nino!');
    expect(az.text).toContain('Raund 2, 10:15–10:25: sizin üçün fasilə.');
    expect(az.text).toContain('CultureBridge-də baxın: https://app.culturebridge.example/#/profiles/');
    // The reasons are rendered in the reader's language too, not the stored English summary.
    expect(uk.text).not.toContain('Both give Youth high priority');
  });
});

describe('a notice that a schedule no longer holds', () => {
  // No file can take its rounds out of a calendar (the participant's calendar route answers 404 or
  // 410 from then on), so the notice says what to do with them.
  it('tells the participant to delete its rounds from their calendar, in their language', () => {
    const links = { baseUrl: 'https://app.culturebridge.example' };
    for (const compose of [composeMeetingCancelledMail, composeMeetingRemovedMail]) {
      const en = compose(meeting, recipient(), links);
      expect(en.text).toContain("If you added this meeting's rounds to your calendar, delete them there: they no longer hold.");
      expect(en.html).toContain('If you added this meeting&#39;s rounds to your calendar, delete them there');
      expect(compose(meeting, recipient('uk'), links).text).toContain('Якщо ви додали раунди цієї зустрічі до свого календаря, видаліть їх там');
    }
  });
});


describe('the meeting\'s time zone in mails, as a person reads it', () => {
  it('a POSIX Etc zone by the offset it keeps (Etc/GMT+12 is UTC−12), in every kind of meeting mail', () => {
    const far: Meeting = { ...meeting, timeZone: 'Etc/GMT+12', schedule: meeting.schedule.map((r) => ({ ...r, startsAt: r.startsAt.replace('T06', 'T22'), endsAt: r.endsAt.replace('T06', 'T22') })) };
    const mails = [
      composeMeetingMail(far, recipient('uk'), (id) => names[id] ?? id, { baseUrl: 'https://app.culturebridge.example' }, false),
      composeMeetingCancelledMail(far, recipient(), { baseUrl: 'https://app.culturebridge.example' }),
      composeMeetingRemovedMail(far, recipient('az'), { baseUrl: 'https://app.culturebridge.example' }),
    ];
    for (const m of mails) {
      expect(m.text).toContain('UTC−12:00');
      expect(m.text).not.toContain('GMT+12');
      expect(m.html).toContain('UTC−12:00');
    }
  });
});
