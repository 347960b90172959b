import { describe, expect, it } from 'vitest';
import { exampleEvent } from '@culturebridge/events/artifacts';
import type { Meeting } from '@culturebridge/domain';
import { storedMeetingFixture } from '@culturebridge/domain/test-fixtures';
import { meetingNotify } from './notifications-test-support.js';

// A member erased right after a cancellation writes the cancelled meeting's next version, which
// publishes nothing: the cancellation's own event must still tell everyone left (a review found
// that notify skipped it as "changed since", so nobody was told).

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const MEETING_ID = '44444444-4444-8444-8444-444444444444';
const CANCELLED_AT = '2026-11-30T09:00:00.000Z';

const stored = (version: number, participants: string[]) => storedMeetingFixture(version, participants, { id: MEETING_ID, updatedAt: CANCELLED_AT, cancelledAt: CANCELLED_AT });

function cancelledEvent(version: number, cancelledAt = CANCELLED_AT) {
  const example = exampleEvent('MeetingCancelled').detail;
  return {
    source: 'culturebridge.meetings',
    'detail-type': 'MeetingCancelled',
    detail: {
      metadata: { ...example.metadata, idempotencyKey: `MEETING#${MEETING_ID}#v${version}` },
      data: { ...example.data, meetingId: MEETING_ID, networkId: 'eu4culture', version, participantIds: [A, B, C], cancelledAt },
    },
  };
}

const setup = (meeting: Meeting) =>
  meetingNotify(
    meeting,
    new Map([
      [A, { name: 'Kutaisi', status: 'active', contact: { name: 'Nino', email: 'nino@kutaisi.example' } }],
      [C, { name: 'Lviv', status: 'active', contact: { name: 'Oksana', email: 'oksana@lviv.example' } }],
    ]),
  );

describe('a cancelled meeting changed again before its notice went out', () => {
  it('still tells each participant left, once, keyed by the cancelling version', async () => {
    // Cancelled at version 2; B erased since, which wrote version 3 (still cancelled) and published nothing.
    const { sent, records, deliver } = setup(stored(3, [A, C]));
    // Each was mailed the schedule of version 1 (before notify kept what each was told).
    for (const id of [A, C]) records.set(`meeting:${MEETING_ID}:v1:member:${id}`, { status: 'sent' });
    expect(await deliver(cancelledEvent(2))).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([
      ['nino@kutaisi.example', 'CultureBridge: Kutaisi speed dating is cancelled'],
      ['oksana@lviv.example', 'CultureBridge: Kutaisi speed dating is cancelled'],
    ]);
    expect([...records.keys()].filter((id) => id.includes(':v2:'))).toEqual([`meeting:${MEETING_ID}:v2:member:${A}`, `meeting:${MEETING_ID}:v2:member:${C}`]);
    // Delivered again: nothing twice.
    await deliver(cancelledEvent(2));
    expect(sent).toHaveLength(2);
  });

  it('sends nothing for a cancellation the stored meeting does not carry', async () => {
    const { sent, deliver } = setup(stored(3, [A, C]));
    expect(await deliver(cancelledEvent(2, '2026-11-29T09:00:00.000Z'))).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([]);
  });

  it('tells nobody who was never mailed its schedule (planned and cancelled before the first went), and records that they know nothing to delete', async () => {
    const { sent, told, deliver } = setup(stored(2, [A, C]));
    expect(await deliver(cancelledEvent(2))).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([]);
    // Recorded, so nothing later tells them of it either.
    expect(told.get(`meeting:${MEETING_ID}:${A}`)).toEqual({ standing: { status: 'cancelled', statusVersion: 2 } });
  });
});
