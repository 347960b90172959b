import { describe, expect, it } from 'vitest';
import { exampleEvent } from '@culturebridge/events/artifacts';
import { storedMeetingFixture } from '@culturebridge/domain/test-fixtures';
import { meetingNotify } from './notifications-test-support.js';

// A partner who erased their profile is named in the schedule mail as "a member who has left": in
// English in every language, although the rest of a Ukrainian member's mail was Ukrainian.

const A = '11111111-1111-4111-8111-111111111111';
const C = '33333333-3333-4333-8333-333333333333';
const GONE = '55555555-5555-4555-8555-555555555555';
const MEETING_ID = '44444444-4444-8444-8444-444444444444';

function changedEvent(version: number) {
  const example = exampleEvent('MeetingChanged').detail;
  const { addedParticipantIds: _added, ...data } = example.data;
  return {
    source: 'culturebridge.meetings',
    'detail-type': 'MeetingChanged',
    detail: {
      metadata: { ...example.metadata, idempotencyKey: `MEETING#${MEETING_ID}#v${version}` },
      data: { ...data, meetingId: MEETING_ID, networkId: 'eu4culture', version, participantIds: [A, C], removedParticipantIds: [], rescheduledParticipantIds: [A, C], changedFields: ['schedule'] },
    },
  };
}

describe('a schedule mail naming a partner who has left', () => {
  it('names them in the reader\'s language', async () => {
    // Round 1 was held with the member since erased: the pair stays, as it happened, without its reasons.
    const meeting = storedMeetingFixture(2, [A, C], {
      id: MEETING_ID,
      rounds: 2,
      schedule: [
        { round: 1, startsAt: '2026-11-30T06:00:00.000Z', endsAt: '2026-11-30T06:10:00.000Z', byes: [A], meetings: [{ table: 1, profileIds: [C, GONE], requested: false, score: 0.5, reasons: [], summary: '' }] },
        { round: 2, startsAt: '2099-05-12T06:15:00.000Z', endsAt: '2099-05-12T06:25:00.000Z', byes: [], meetings: [{ table: 1, profileIds: [A, C], requested: false, score: 0.5, reasons: [], summary: '' }] },
      ],
    });
    const { sent, deliver } = meetingNotify(
      meeting,
      new Map([
        [A, { name: 'Kutaisi', status: 'active', contact: { name: 'Nino', email: 'nino@kutaisi.example' } }],
        [C, { name: 'Lviv', status: 'active', contact: { name: 'Oksana', email: 'oksana@lviv.example' }, locale: 'uk' }],
      ]),
    );
    expect(await deliver(changedEvent(2))).toEqual({ batchItemFailures: [] });
    const lviv = sent.find((s) => s.to === 'oksana@lviv.example')?.mail;
    expect(lviv?.subject).toMatch(/розклад/);
    for (const part of [lviv?.text ?? '', lviv?.html ?? '']) {
      expect(part).not.toContain('a member who has left');
      expect(part).toContain('учасник, який вибув');
    }
  });
});
