import { ACTIVITY_TYPES } from '@culturebridge/domain';
import { ALL_DETAIL_TYPES, DETAIL_TYPES, EVENT_BUS_NAME, SOURCES, type DetailType } from './names.js';

/** An EventBridge rule of ours: its pattern is read by the CDK stack and by the local EventBridge alike. */
export interface RuleDefinition<D extends string = DetailType> {
  name: string;
  description: string;
  eventBusName: string;
  eventPattern: { source: string[]; 'detail-type': D[] };
  /** The function folder under functions/ that the rule targets. */
  target: string;
}

const pattern = (...types: DetailType[]) => ({
  source: [...new Set(types.map((t) => DETAIL_TYPES[t]))],
  'detail-type': types,
});

export const RULES = {
  profileChanged: {
    name: 'profile-changed',
    description: 'Profile and membership changes trigger matching',
    eventBusName: EVENT_BUS_NAME,
    eventPattern: pattern('ProfileSubmitted', 'ProfileUpdated', 'ProfileWithdrawn', 'MembershipApproved', 'MembershipRejected', 'MembershipEnded'),
    target: 'compute-matches',
  },
  matchToNotify: {
    name: 'match-to-notify',
    description: 'Proposed, accepted, confirmed and expired matches are mailed (or kept for digests) to coordinators and members; planned, changed and cancelled meetings to their participants; a membership ended or approved again to its member (a join request is taken in too: what the member knows starts there)',
    eventBusName: EVENT_BUS_NAME,
    eventPattern: pattern('MatchProposed', 'MatchAccepted', 'MatchConfirmed', 'MatchExpired', 'MeetingPlanned', 'MeetingChanged', 'MeetingCancelled', 'MembershipRequested', 'MembershipRejected', 'MembershipApproved'),
    target: 'notify',
  },
  slotFreed: {
    name: 'slot-freed',
    description: 'An answer, an expiry or a withdrawal frees exposure slots: both sides and whoever waited for them are recomputed',
    eventBusName: EVENT_BUS_NAME,
    eventPattern: pattern('MatchDeclined', 'MatchExpired', 'MatchWithdrawn'),
    target: 'compute-matches',
  },
  activityFeed: {
    name: 'activity-feed',
    description: 'Profile and match events feed the dashboard\'s activity feed',
    eventBusName: EVENT_BUS_NAME,
    eventPattern: pattern(...ACTIVITY_TYPES),
    target: 'record-activity',
  },
  partnerWebhooks: {
    name: 'partner-webhooks',
    description: 'Every CultureBridge event, fanned out to the partners\' webhooks by deliver-webhooks (one rule for all partners)',
    eventBusName: EVENT_BUS_NAME,
    eventPattern: pattern(...ALL_DETAIL_TYPES),
    target: 'deliver-webhooks',
  },
} as const satisfies Record<string, RuleDefinition>;

/**
 * Rules for events that AWS services publish, not us. SES delivers configuration-set events only to
 * the account's default bus, so this rule lives there. Kept apart from RULES because those carry our
 * own detail-types (and their contract tests); the stack and the local runtime wire both.
 */
export const AWS_SERVICE_RULES = {
  sesSuppression: {
    name: 'ses-bounces-and-complaints',
    description: 'Permanent bounces and complaints from SES put the address on our suppression list',
    eventBusName: 'default',
    eventPattern: { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] },
    target: 'suppress',
  },
} as const satisfies Record<string, RuleDefinition<string>>;

export { SOURCES };
