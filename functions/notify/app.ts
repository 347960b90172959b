import { randomUUID } from 'node:crypto';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { EVENT_SCHEMAS } from '@culturebridge/events';
import {
  CLOSED_STATES,
  DEFAULT_LOCALE,
  composeMatchMail,
  composeMembershipMail,
  composeMeetingCancelledMail,
  composeMeetingRemovedMail,
  composeMeetingMail,
  coordinatorMailNow,
  coordinatorRecipients,
  hasRoundToCome,
  immediateNotificationId,
  isWeakerMatch,
  meetingMailDecision,
  meetingNotificationId,
  meetingRemovedNotificationId,
  memberRecipients,
  membershipMailDecision,
  membershipNotificationId,
  networkDisplayName,
  networksNamedIn,
  participantNames,
  toldMembership,
  type MatchNotice,
  type MeetingAsItStands,
  type MeetingConcern,
  type MeetingKnowledge,
  type MeetingRecipient,
  type MembershipStatus,
  type NoticeKind,
} from '@culturebridge/domain';
import type { CoordinatorStore, MatchStore, MeetingStore, NetworkSettingsStore, ProfileStore, Told, ToldSubject } from '@culturebridge/store';
import { DEFAULT_LEASE_MS, NotificationInFlight, deliverOnce, type DeliverDeps } from '@culturebridge/notifications/deliver';
import { tellMember } from '@culturebridge/notifications/member-notice';
import { readMessage } from '@culturebridge/runtime';

/** The match events this function consumes, as EventBridge hands them to the SQS buffer. */
const NotifyEvent = z.discriminatedUnion('detail-type', [
  z.object({ 'detail-type': z.literal('MatchProposed'), detail: EVENT_SCHEMAS.MatchProposed }),
  z.object({ 'detail-type': z.literal('MatchAccepted'), detail: EVENT_SCHEMAS.MatchAccepted }),
  z.object({ 'detail-type': z.literal('MatchConfirmed'), detail: EVENT_SCHEMAS.MatchConfirmed }),
  z.object({ 'detail-type': z.literal('MatchExpired'), detail: EVENT_SCHEMAS.MatchExpired }),
  z.object({ 'detail-type': z.literal('MeetingPlanned'), detail: EVENT_SCHEMAS.MeetingPlanned }),
  z.object({ 'detail-type': z.literal('MeetingChanged'), detail: EVENT_SCHEMAS.MeetingChanged }),
  z.object({ 'detail-type': z.literal('MeetingCancelled'), detail: EVENT_SCHEMAS.MeetingCancelled }),
  z.object({ 'detail-type': z.literal('MembershipRequested'), detail: EVENT_SCHEMAS.MembershipRequested }),
  z.object({ 'detail-type': z.literal('MembershipRejected'), detail: EVENT_SCHEMAS.MembershipRejected }),
  z.object({ 'detail-type': z.literal('MembershipApproved'), detail: EVENT_SCHEMAS.MembershipApproved }),
]);
type MatchEvent = Extract<z.infer<typeof NotifyEvent>, { 'detail-type': 'MatchProposed' | 'MatchAccepted' | 'MatchConfirmed' | 'MatchExpired' }>;
type MeetingEvent = Extract<z.infer<typeof NotifyEvent>, { 'detail-type': 'MeetingPlanned' | 'MeetingChanged' | 'MeetingCancelled' }>;
type MembershipEvent = Extract<z.infer<typeof NotifyEvent>, { 'detail-type': 'MembershipRequested' | 'MembershipRejected' | 'MembershipApproved' }>;

const KIND: Record<MatchEvent['detail-type'], NoticeKind> = {
  MatchProposed: 'proposed',
  MatchAccepted: 'accepted',
  MatchConfirmed: 'confirmed',
  MatchExpired: 'expired',
};

export interface NotifyDeps extends DeliverDeps {
  coordinators: CoordinatorStore;
  /** Reads the two profiles (names, and for members, contact and mail frequency: events carry ids only) and the match as it stands; a member's profile for its membership mails. */
  matches: Pick<MatchStore, 'profiles' | 'match'>;
  /** The networks' display names, for subjects. */
  networkSettings: Pick<NetworkSettingsStore, 'getMany'>;
  /** The meeting of a MeetingPlanned/MeetingChanged/MeetingCancelled event: its reasons are not in the event. */
  meetings: Pick<MeetingStore, 'get'>;
  /** A membership's standing as it holds now (status and the version it took it at), for membership mails. */
  memberships: Pick<ProfileStore, 'membership'>;
  baseUrl: string;
}

/**
 * notify: one SQS message per MatchProposed / MatchAccepted / MatchConfirmed / MatchExpired /
 * MeetingPlanned / MeetingChanged / MeetingCancelled / MembershipRequested / MembershipRejected / MembershipApproved. Coordinators of a shared network get a mail now for new and
 * confirmed matches (`immediate`), an entry in their next digest for every kind (`digest`, the
 * default), or nothing (`off`). Each side of the pair concerned gets a mail now, a digest entry
 * (daily, the default, or weekly) or nothing, as it chose; each participant of a planned or changed
 * meeting gets its own schedule, and of a cancelled one a notice that it will not take place; a member
 * taken out of a network, or approved again, is told. Every mail is claimed in the table before it is sent, so a
 * redelivered event sends nothing twice; suppressed addresses (bounced or complained) get nothing.
 */
export function createNotifyHandler(deps: NotifyDeps) {
  /** Every lease of `subjects` (see holdTold), or none: a busy one gives back those taken and fails the message, retried later. */
  const holdAll = async <S extends string>(subjects: readonly ToldSubject[]) => {
    const held: { subject: ToldSubject; token: string; told: Told<S> | undefined }[] = [];
    try {
      for (const subject of subjects) {
        const token = randomUUID();
        const out = await deps.notifications.holdTold<S>(subject, token, deps.now(), deps.leaseMs ?? DEFAULT_LEASE_MS);
        if (out === 'busy') throw new NotificationInFlight(subject.kind === 'membership' ? `membership:${subject.profileId}:${subject.networkId}` : `meeting:${subject.meetingId}:${subject.profileId}`);
        held.push({ subject, token, told: out.told });
      }
    } catch (error) {
      await Promise.all(held.map(({ subject, token }) => deps.notifications.releaseTold(subject, token).catch(() => undefined)));
      throw error;
    }
    return held;
  };

  /**
   * Each participant an event concerns is told, once, what changed for them since they were last
   * told (meetingMailDecision), under their lease for the meeting, from the meeting as it stands
   * (read under the leases): their schedule (first, or updated) of the current version, that they
   * are off it, or that it is cancelled. So a participant taken out, put back and taken out again
   * before notify caught up is told once, and a removal undone before it was told is not told,
   * whatever order or how often the events come. The event names whom it concerns; the reasons and
   * the participants' contacts are read from the table.
   */
  const mailMeeting = async (event: MeetingEvent) => {
    const { metadata, data } = event.detail;
    const kind = event['detail-type'];
    const changes = kind === 'MeetingChanged' ? event.detail.data : undefined;
    // An event published before a change named whom it concerns (no `rescheduledParticipantIds`)
    // told everyone its schedule, and only while current.
    const legacy = changes !== undefined && changes.rescheduledParticipantIds === undefined;
    const concerns = new Map<string, MeetingConcern>();
    if (kind === 'MeetingCancelled') for (const id of data.participantIds) concerns.set(id, 'cancelled');
    else if (changes === undefined || legacy) for (const id of data.participantIds) concerns.set(id, 'schedule');
    else for (const id of [...(changes.rescheduledParticipantIds ?? []), ...(changes.addedParticipantIds ?? [])]) concerns.set(id, 'schedule');
    for (const id of changes?.removedParticipantIds ?? []) concerns.set(id, 'removed');
    if (concerns.size === 0) {
      deps.logger.info('nothing to mail for this meeting event', { meetingId: data.meetingId, version: data.version });
      return;
    }
    const held = await holdAll<MeetingKnowledge>([...concerns.keys()].map((profileId) => ({ kind: 'meeting', meetingId: data.meetingId, profileId })));
    const failures: unknown[] = [];
    const settled = new Set<string>();
    try {
      // Read under the leases: a change after this read publishes an event that waits for them.
      const meeting = await deps.meetings.get(data.networkId, data.meetingId);
      if (!meeting) {
        deps.logger.info('the meeting is gone; nothing to mail', { meetingId: data.meetingId, version: data.version });
        return;
      }
      // A cancellation the stored meeting does not carry is not this one.
      const cancelled = meeting.cancelledAt !== undefined;
      const current: Omit<MeetingAsItStands, 'includes'> = { version: meeting.version, cancelled, toCome: hasRoundToCome(meeting.schedule, deps.now()) };
      const firstTime = new Set(kind === 'MeetingPlanned' ? data.participantIds : (changes?.addedParticipantIds ?? []));
      /**
       * Whether a schedule of a version before this event's was mailed to `profileId`: asked only of
       * one told nothing yet whom a removal or the cancellation concerns (a meeting planned before
       * the MeetingTold record existed mailed its schedules without it), every earlier version at once.
       */
      const scheduleSent = async (profileId: string) => {
        const earlier = Array.from({ length: data.version - 1 }, (_, i) => meetingNotificationId({ id: meeting.id, version: data.version - 1 - i }, profileId));
        if (earlier.length === 0) return false;
        // One batched read; a record left unprocessed throws (the message is retried), never reads as unsent.
        const records = await deps.notifications.getMany(earlier);
        return earlier.some((id) => records.get(id)?.status === 'sent');
      };
      const decisions = [];
      for (const { subject, token, told } of held) {
        const concern = concerns.get(subject.profileId) as MeetingConcern;
        const stale = (concern === 'cancelled' && (kind !== 'MeetingCancelled' || meeting.cancelledAt !== event.detail.data.cancelledAt)) || (legacy && concern === 'schedule' && meeting.version !== data.version);
        if (stale) continue;
        const decision = meetingMailDecision(concern, { ...current, includes: meeting.participants.includes(subject.profileId), takenOut: meeting.takenOut?.[subject.profileId] ?? [] }, told, firstTime.has(subject.profileId), told === undefined && concern !== 'schedule' && (await scheduleSent(subject.profileId)));
        if (decision.kind === 'record') decisions.push({ subject, token, told, decision });
      }
      if (decisions.length === 0) {
        deps.logger.info('nothing to mail for this meeting event', { meetingId: data.meetingId, version: data.version });
        return;
      }
      // Read under the leases too, consistently: the contact mailed is the one that stands now.
      const ids = [...new Set([...decisions.map((d) => d.subject.profileId), ...meeting.schedule.flatMap((r) => r.meetings.flatMap((m) => m.profileIds))])];
      const [profiles, settings] = await Promise.all([deps.matches.profiles(ids, { consistent: true }), deps.networkSettings.getMany(networksNamedIn(meeting), { withName: true })]);
      const networkName = (id: string) => networkDisplayName(id, settings.get(id));
      for (const { subject, token, told, decision } of decisions) {
        const id = subject.profileId;
        const profile = profiles.get(id);
        // Only an active profile is mailed (one waiting for its new address to be confirmed is
        // not), and nothing is recorded: it knows no more than before.
        if (!profile || profile.status !== 'active') continue;
        const recipient: MeetingRecipient = { id, name: profile.name, contact: profile.contact, ...(profile.locale ? { locale: profile.locale } : {}) };
        const notice = decision.notice;
        try {
          if (notice) {
            await deliverOnce(
              deps,
              {
                notificationId:
                  notice.kind === 'removed'
                    ? meetingRemovedNotificationId(meeting, id, told, data.version)
                    : // A cancellation keyed by its own event's version: a redelivery after a later (silent) version finds it sent.
                      meetingNotificationId({ id: meeting.id, version: notice.kind === 'cancelled' ? data.version : meeting.version }, id),
                recipientRole: 'member',
                recipientId: id,
                networkId: meeting.networkId,
                kind: 'immediate',
                correlationId: metadata.correlationId,
              },
              {
                // Read under the participant's lease.
                address: profile.contact.email,
                mail:
                  notice.kind === 'removed'
                    ? composeMeetingRemovedMail(meeting, recipient, { baseUrl: deps.baseUrl })
                    : notice.kind === 'cancelled'
                      ? composeMeetingCancelledMail(meeting, recipient, { baseUrl: deps.baseUrl })
                      : composeMeetingMail(meeting, recipient, participantNames(profiles, recipient.locale ?? DEFAULT_LOCALE), { baseUrl: deps.baseUrl, networkName }, !notice.first, notice.calendarRestarted === true),
              },
            );
          }
          await deps.notifications.settleTold(subject, token, decision.told);
          settled.add(id);
        } catch (error) {
          // The others are still told; the message fails afterwards and is retried.
          failures.push(error);
        }
      }
    } finally {
      await Promise.all(held.filter(({ subject }) => !settled.has(subject.profileId)).map(({ subject, token }) => deps.notifications.releaseTold(subject, token).catch(() => undefined)));
    }
    if (failures.length > 0) throw failures[0];
  };

  /**
   * A member taken out of a network, or approved again, is told once, in its language (`ended` /
   * `approved`, see membershipNotice), and so is one whose declined join request is approved after
   * all (`approved-after-decline`): a join request declined or approved when it is answered is not. The decision is
   * membershipMailDecision's, under the membership's lease (one delivery at a time), from the
   * membership as it stands (read consistently) and what the member was last told: only the event
   * of the standing that holds tells, from what the member last heard, so a transition is told
   * once and in order whatever order or how often the events come, and a removal undone before it
   * was told is never told.
   */
  const mailMembership = async (event: MembershipEvent) => {
    const { metadata, data } = event.detail;
    const change = { status: data.status, statusVersion: data.statusVersion ?? data.profileVersion, previousStatus: data.previousStatus, legacy: data.statusVersion === undefined };
    const log = { profileId: data.profileId, networkId: data.networkId, statusVersion: change.statusVersion };
    const subject: ToldSubject = { kind: 'membership', profileId: data.profileId, networkId: data.networkId };
    const held = await holdAll<MembershipStatus>([subject]);
    const { token, told } = held[0] as (typeof held)[number];
    try {
      // The contact is read under the lease, as the membership is: one confirmed while the lease
      // was being taken is the address mailed, not the one it replaced.
      const profile = (await deps.matches.profiles([data.profileId], { consistent: true })).get(data.profileId);
      // Only an active profile is mailed: one waiting for its (new) address to be confirmed is not;
      // its confirmation publishes its memberships again, and that event tells.
      if (!profile || profile.status !== 'active') {
        deps.logger.info('the member is not active or was erased; nothing to mail', log);
        await deps.notifications.releaseTold(subject, token);
        return;
      }
      // Read under the lease: a change after this read publishes an event that waits for the lease.
      const current = await deps.memberships.membership(data.profileId, data.networkId);
      // With no record of what the member was told, whether it heard of the removal an approval
      // undoes: its mail may be recorded sent (membershipMailDecision says when that is asked). With
      // a record, the record says what the rejection was (`from`): a mail record cannot (a removal's
      // mail may have been suppressed, or its record expired).
      const previous = told === undefined && change.previousStatus === 'rejected' ? current?.previous : undefined;
      const removalMailSent =
        previous !== undefined && (await deps.notifications.get(membershipNotificationId({ profileId: data.profileId, networkId: data.networkId, status: previous.status, statusVersion: previous.statusVersion })))?.status === 'sent';
      const decision = membershipMailDecision(change, current, told, { now: deps.now(), removalMailSent });
      if (decision.kind !== 'record' || !current) {
        deps.logger.info(decision.kind === 'stale' ? 'the membership changed since; its later event tells' : 'the member was told this already', log);
        await deps.notifications.releaseTold(subject, token);
        return;
      }
      if (decision.notice) {
        const settings = await deps.networkSettings.getMany([data.networkId], { withName: true });
        const recipient = { id: data.profileId, name: profile.name, contact: profile.contact, ...(profile.locale ? { locale: profile.locale } : {}) };
        await deliverOnce(
          deps,
          {
            // A legacy event's mail keeps the id it had before (its profileVersion), so one sent then is found sent.
            notificationId: membershipNotificationId({ profileId: data.profileId, networkId: data.networkId, status: current.status, statusVersion: change.legacy ? change.statusVersion : current.statusVersion }),
            recipientRole: 'member',
            recipientId: data.profileId,
            networkId: data.networkId,
            kind: 'immediate',
            correlationId: metadata.correlationId,
          },
          // Read under the membership's lease.
          { address: profile.contact.email, mail: composeMembershipMail(decision.notice, recipient, networkDisplayName(data.networkId, settings.get(data.networkId)), { baseUrl: deps.baseUrl }) },
        );
      }
      await deps.notifications.settleTold(subject, token, toldMembership(change, current));
    } catch (error) {
      await deps.notifications.releaseTold(subject, token).catch(() => undefined);
      throw error;
    }
  };

  const processRecord = async (record: SQSRecord) => {
    const parsed = readMessage(record, NotifyEvent, 'match, meeting or membership event', deps.logger);
    if (parsed['detail-type'] === 'MeetingPlanned' || parsed['detail-type'] === 'MeetingChanged' || parsed['detail-type'] === 'MeetingCancelled') return mailMeeting(parsed);
    if (parsed['detail-type'] === 'MembershipRequested' || parsed['detail-type'] === 'MembershipRejected' || parsed['detail-type'] === 'MembershipApproved') return mailMembership(parsed);
    return mailMatch(parsed);
  };

  const mailMatch = async (event: MatchEvent) => {
    const { metadata, data } = event.detail;
    const profiles = await deps.matches.profiles(data.profileIds);
    const [a, b] = data.profileIds.map((id) => profiles.get(id));
    if (!a || !b) {
      deps.logger.info('a side of the match was erased; nothing to mail', { matchId: data.matchId });
      return;
    }
    // A retry or a redrive can bring an event after the match was closed (a proposal since declined,
    // withdrawn or expired): its mails would announce what no longer stands. A match that only moved
    // on (accepted, confirmed) is still told: a coordinator hears of a new match only from this mail.
    const current = await deps.matches.match(data.profileIds[0], data.profileIds[1]);
    if (current !== undefined && current.version > data.version && current.state !== data.state && CLOSED_STATES.has(current.state)) {
      deps.logger.info('the match moved on since; nothing to mail', { matchId: data.matchId, version: data.version });
      return;
    }
    // Nor about a proposal replaced since (withdrawn or expired, then proposed again): the new
    // proposal's own event tells, so the pair is not announced twice. An event occurs at its item's
    // `updatedAt`, and a proposal is written with `proposedAt` the same instant.
    if (current?.proposedAt !== undefined && current.proposedAt > metadata.occurredAt) {
      deps.logger.info('the pair was proposed again since; its own event tells', { matchId: data.matchId, version: data.version });
      return;
    }
    const notice: MatchNotice = {
      matchId: data.matchId,
      profileIds: data.profileIds,
      names: [a.name, b.name],
      state: KIND[event['detail-type']],
      summary: data.summary,
      // Structured, so each recipient reads them in their own language.
      reasons: data.reasons,
      score: data.score,
      sharedNetworks: data.sharedNetworks,
      version: data.version,
      acceptedBy: data.acceptedBy,
      ...(isWeakerMatch(data.reasons) ? { weaker: true } : {}),
    };
    const settings = await deps.networkSettings.getMany(notice.sharedNetworks, { withName: true });
    // Kept with the notice, so a digest sent later names the networks as this mail does.
    notice.networkNames = Object.fromEntries(notice.sharedNetworks.map((id) => [id, networkDisplayName(id, settings.get(id))]));
    const recipients = coordinatorRecipients(notice, await deps.coordinators.ofNetworks(notice.sharedNetworks));
    const failures: unknown[] = [];
    for (const recipient of recipients) {
      const { coordinator, networkId } = recipient;
      try {
        if (coordinator.preference.mode === 'digest') {
          // Not kept for a digest that could never be sent: the entries would wait in the digest partition.
          if (await deps.suppressions.isSuppressed(coordinator.email)) {
            deps.logger.info('suppressed', { matchId: notice.matchId, recipientRole: 'coordinator', recipientId: coordinator.id });
            continue;
          }
          const entryKey = `${metadata.occurredAt}#${notice.matchId}#v${notice.version}#${notice.state}`;
          const added = await deps.notifications.addDigestEntry({ recipientRole: 'coordinator', recipientId: coordinator.id, networkId, entryKey, notice, occurredAt: metadata.occurredAt });
          deps.logger.info(added ? 'match kept for the digest' : 'match already kept for the digest', { matchId: notice.matchId, recipientRole: 'coordinator', recipientId: coordinator.id });
          continue;
        }
        // Acceptances and expiries are for the digest and the dashboard, not one mail each.
        if (!coordinatorMailNow(notice.state)) continue;
        await deliverOnce(
          deps,
          {
            notificationId: immediateNotificationId(notice, coordinator.id),
            recipientRole: 'coordinator',
            recipientId: coordinator.id,
            networkId,
            matchId: notice.matchId,
            kind: 'immediate',
            correlationId: metadata.correlationId,
          },
          // A coordinator's address changes only when the coordinator is replaced (another id, another claim).
          { address: coordinator.email, mail: composeMatchMail({ ...notice, state: notice.state }, { ...recipient, networkName: networkDisplayName(networkId, settings.get(networkId)) }, { baseUrl: deps.baseUrl }) },
        );
      } catch (error) {
        // The other recipients still get their mail; the message fails afterwards and is retried,
        // and the recipients already served are skipped by their sent records.
        failures.push(error);
      }
    }
    for (const recipient of memberRecipients([{ ...a, id: data.profileIds[0] }, { ...b, id: data.profileIds[1] }], notice)) {
      try {
        await tellMember(deps, notice, recipient, metadata.occurredAt, metadata.correlationId);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, processInParallel: false });
}
