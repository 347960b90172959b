import { describe, expect, it } from 'vitest';
import { exampleEvent } from '@culturebridge/events/artifacts';
import type { Mail, Meeting } from '@culturebridge/domain';
import { storedMeetingFixture } from '@culturebridge/domain/test-fixtures';
import { meetingNotify } from './notifications-test-support.js';

// A participant taken out of a meeting had a schedule by mail and was told nothing more: the
// changed version mailed only those still in it, so Lviv would come to a table nobody expects.

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const MEETING_ID = '44444444-4444-8444-8444-444444444444';

const stored = (version: number, participants: string[]) => storedMeetingFixture(version, participants, { id: MEETING_ID });

function changedEvent(version: number, participantIds: string[], removedParticipantIds: string[], changes: { addedParticipantIds?: string[]; rescheduledParticipantIds?: string[] } = {}) {
  const example = exampleEvent('MeetingChanged').detail;
  // Who was added or rescheduled is named only when the test says so (events published before did not).
  const { addedParticipantIds: _added, rescheduledParticipantIds: _rescheduled, ...data } = example.data;
  return {
    source: 'culturebridge.meetings',
    'detail-type': 'MeetingChanged',
    detail: {
      metadata: { ...example.metadata, idempotencyKey: `MEETING#${MEETING_ID}#v${version}` },
      data: { ...data, meetingId: MEETING_ID, networkId: 'eu4culture', version, participantIds, removedParticipantIds, changedFields: ['participants', 'schedule'], ...changes },
    },
  };
}

const setup = (meeting: Meeting, lvivStatus = 'active') =>
  meetingNotify(
    meeting,
    new Map([
      [A, { name: 'Kutaisi', status: 'active', contact: { name: 'Nino', email: 'nino@kutaisi.example' } }],
      [B, { name: 'Gyumri', status: 'active', contact: { name: 'Anna', email: 'anna@gyumri.example' } }],
      [C, { name: 'Lviv', status: lvivStatus, contact: { name: 'Oksana', email: 'oksana@lviv.example' }, locale: 'uk' }],
    ]),
  );

/** The participants were mailed the schedule of version 1 (before notify kept what each was told). */
const mailedFirstSchedule = (records: Map<string, { status: 'claimed' | 'sent' }>, ...ids: string[]) => {
  for (const id of ids) records.set(`meeting:${MEETING_ID}:v1:member:${id}`, { status: 'sent' });
};

describe('a participant taken out of a meeting', () => {
  it('is told once, in their language, that the schedule they had no longer holds; the others get the new schedule', async () => {
    const { sent, records, deliver } = setup(stored(2, [A, B]));
    mailedFirstSchedule(records, A, B, C);
    expect(await deliver(changedEvent(2, [A, B], [C]))).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([
      ['nino@kutaisi.example', 'CultureBridge: your updated schedule for Kutaisi speed dating'],
      ['anna@gyumri.example', 'CultureBridge: your updated schedule for Kutaisi speed dating'],
      ['oksana@lviv.example', 'CultureBridge: вас більше немає в розкладі зустрічі «Kutaisi speed dating»'],
    ]);
    const notice = sent[2]?.mail as Mail;
    for (const part of [notice.text, notice.html]) {
      expect(part).toContain('Oksana');
      expect(part).toContain('Lviv');
      expect(part).toContain('12 травня 2099 р.');
      expect(part).toContain('https://app.example.org/#/profiles/' + C + '/meetings');
      // Names nobody else of the meeting.
      expect(part).not.toContain('Kutaisi,');
      expect(part).not.toContain('Gyumri');
    }
    expect([...records.keys()]).toContain(`meeting:${MEETING_ID}:v2:member:${C}`);
    // Delivered again: nothing twice.
    await deliver(changedEvent(2, [A, B], [C]));
    expect(sent).toHaveLength(3);
  });

  it('is still told when the meeting changed again before the notice went out, unless that change took them back', async () => {
    // Version 3 (a new name) publishes its own MeetingChanged, which names nobody as removed.
    const later = setup(stored(3, [A, B]));
    mailedFirstSchedule(later.records, C);
    await later.deliver(changedEvent(2, [A, B], [C]));
    expect(later.sent.map((s) => s.to)).toEqual(['oksana@lviv.example']);
    // Never mailed a schedule (planned and taken out before the first went): told nothing.
    const never = setup(stored(3, [A, B]));
    await never.deliver(changedEvent(2, [A, B], [C]));
    expect(never.sent).toEqual([]);

    const back = setup(stored(3, [A, B, C]));
    mailedFirstSchedule(back.records, C);
    await back.deliver(changedEvent(2, [A, B], [C]));
    expect(back.sent).toEqual([]);
  });

  it('whether an earlier schedule was mailed is read in one batched read of every earlier version, not one read a version', async () => {
    const { sent, records, batchReads, deliver } = setup(stored(5, [A, B]));
    mailedFirstSchedule(records, C);
    expect(await deliver(changedEvent(5, [A, B], [C]))).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => s.to)).toContain('oksana@lviv.example');
    expect(batchReads).toEqual([[4, 3, 2, 1].map((v) => `meeting:${MEETING_ID}:v${v}:member:${C}`)]);
  });

  it('an event without removedParticipantIds (published before it was added) mails as before', async () => {
    const { sent, deliver } = setup(stored(2, [A, B]));
    const event = changedEvent(2, [A, B], []);
    delete (event.detail.data as { removedParticipantIds?: string[] }).removedParticipantIds;
    expect(await deliver(event)).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => s.to)).toEqual(['nino@kutaisi.example', 'anna@gyumri.example']);
  });

  it('is not told when their profile is not active (withdrawn, or waiting for a new address to be confirmed)', async () => {
    for (const status of ['pending', 'withdrawn']) {
      const { sent, deliver } = setup(stored(2, [A, B]), status);
      expect(await deliver(changedEvent(2, [A, B], [C]))).toEqual({ batchItemFailures: [] });
      expect(sent.map((s) => s.to)).toEqual(['nino@kutaisi.example', 'anna@gyumri.example']);
    }
  });

  it('is not told once every round has begun: there is no schedule still to come to take them out of', async () => {
    const held = storedMeetingFixture(2, [A, B], { id: MEETING_ID, schedule: [{ round: 1, startsAt: '2026-11-30T08:00:00.000Z', endsAt: '2026-11-30T08:10:00.000Z', byes: [], meetings: [] }] });
    const { sent, deliver } = setup(held);
    expect(await deliver(changedEvent(2, [A, B], [C]))).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => s.to)).not.toContain('oksana@lviv.example');
  });

  it('with who was added and rescheduled named: an added participant gets a first schedule, a rescheduled one the updated one, the others nothing', async () => {
    const { sent, deliver } = setup(stored(2, [A, B, C]));
    const event = changedEvent(2, [A, B, C], [], { addedParticipantIds: [C], rescheduledParticipantIds: [A] });
    expect(await deliver(event)).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([
      ['nino@kutaisi.example', 'CultureBridge: your updated schedule for Kutaisi speed dating'],
      ['oksana@lviv.example', 'CultureBridge: ваш розклад на зустріч «Kutaisi speed dating»'],
    ]);
  });

  it('a change superseded before its mails went out still reaches whom it concerned, with the current schedule, once', async () => {
    // v2 added Lviv and moved Kutaisi; v3 (a member's request) then moved only Gyumri.
    const { sent, records, deliver } = setup(stored(3, [A, B, C]));
    await deliver(changedEvent(2, [A, B, C], [], { addedParticipantIds: [C], rescheduledParticipantIds: [A] }));
    await deliver(changedEvent(3, [A, B, C], [], { addedParticipantIds: [], rescheduledParticipantIds: [B, A] }));
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([
      ['nino@kutaisi.example', 'CultureBridge: your updated schedule for Kutaisi speed dating'],
      ['oksana@lviv.example', 'CultureBridge: ваш розклад на зустріч «Kutaisi speed dating»'],
      ['anna@gyumri.example', 'CultureBridge: your updated schedule for Kutaisi speed dating'],
    ]);
    // Each keyed by the version whose schedule it carries.
    expect([...records.keys()].sort()).toEqual([A, B, C].map((id) => `meeting:${MEETING_ID}:v3:member:${id}`).sort());
  });

  it('mails no schedule to a participant whose profile waits for a new address to be confirmed', async () => {
    const { sent, deliver } = setup(stored(2, [A, B, C]), 'pending');
    await deliver(changedEvent(2, [A, B, C], [], { addedParticipantIds: [], rescheduledParticipantIds: [A, B, C] }));
    expect(sent.map((s) => s.to)).toEqual(['nino@kutaisi.example', 'anna@gyumri.example']);
  });

  it('taken out, put back and taken out again before notify caught up: told once that they are off the schedule, whatever order the events come in', async () => {
    // Version 4 stands (Lviv out); it was told version 1's schedule. The first removal's event used to mail it again.
    for (const order of [[2, 3, 4], [4, 3, 2], [3, 2, 4]]) {
      const { sent, told, deliver } = setup(stored(4, [A, B]));
      told.set(`meeting:${MEETING_ID}:${C}`, { standing: { status: 'scheduled', statusVersion: 1 } });
      const events: Record<number, unknown> = {
        2: changedEvent(2, [A, B], [C], { addedParticipantIds: [], rescheduledParticipantIds: [] }),
        3: changedEvent(3, [A, B, C], [], { addedParticipantIds: [C], rescheduledParticipantIds: [] }),
        4: changedEvent(4, [A, B], [C], { addedParticipantIds: [], rescheduledParticipantIds: [] }),
      };
      for (const version of order) expect(await deliver(events[version])).toEqual({ batchItemFailures: [] });
      expect(sent.map((s) => s.mail.subject)).toEqual(['CultureBridge: вас більше немає в розкладі зустрічі «Kutaisi speed dating»']);
      expect(told.get(`meeting:${MEETING_ID}:${C}`)).toEqual({ standing: { status: 'out', statusVersion: 4 } });
    }
  });

  it('waits while another delivery holds a participant\'s lease: the message fails, nothing is mailed or recorded, and its retry tells', async () => {
    const { sent, told, deliver } = setup(stored(2, [A, B]));
    told.set(`meeting:${MEETING_ID}:${C}`, { holder: 'another delivery', standing: { status: 'scheduled', statusVersion: 1 } });
    const event = changedEvent(2, [A, B], [C], { addedParticipantIds: [], rescheduledParticipantIds: [A] });
    await expect(deliver(event)).rejects.toThrow(/failed processing/);
    expect(sent).toEqual([]);
    // Those it held were given back.
    expect(told.get(`meeting:${MEETING_ID}:${A}`)?.holder).toBeUndefined();
    told.set(`meeting:${MEETING_ID}:${C}`, { standing: { status: 'scheduled', statusVersion: 1 } });
    expect(await deliver(event)).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => s.to)).toEqual(['nino@kutaisi.example', 'oksana@lviv.example']);
  });
});
