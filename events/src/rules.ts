import { DETAIL_TYPES, EVENT_BUS_NAME, SOURCES, type DetailType } from './names.js';

/** An EventBridge rule of ours: its pattern is read by the CDK stack and by the local EventBridge alike. */
export interface RuleDefinition {
  name: string;
  description: string;
  eventBusName: string;
  eventPattern: { source: string[]; 'detail-type': DetailType[] };
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
    description: 'Profile changes trigger matching',
    eventBusName: EVENT_BUS_NAME,
    eventPattern: pattern('ProfileSubmitted', 'ProfileUpdated', 'ProfileWithdrawn'),
    target: 'compute-matches',
  },
  matchToNotify: {
    name: 'match-to-notify',
    description: 'Proposed and confirmed matches are mailed to coordinators and members',
    eventBusName: EVENT_BUS_NAME,
    eventPattern: pattern('MatchProposed', 'MatchConfirmed'),
    target: 'notify',
  },
} as const satisfies Record<string, RuleDefinition>;

export { SOURCES };
