// Public API of the local EventBridge used by `npm start` and the integration tests.

export { LocalEventBridge, type LocalEventBridgeOptions, type RuleDefinition } from './server.js';
export { DEFAULT_RETRY_POLICY, type DeadLetter, type RetryPolicy, type RuleTarget } from './delivery.js';
export { LOCAL_ACCOUNT, LOCAL_REGION, type EventEnvelope } from './envelope.js';
export { type EventLogQuery, type LoggedEvent } from './event-log.js';
export {
  compilePattern,
  EventPatternError,
  matchesPattern,
  validatePattern,
  type CompiledPattern,
  type EventPattern,
  type JsonPrimitive,
  type PatternValue,
} from './pattern.js';
export { type PutEventsRequestEntry, type PutEventsResponse, type PutEventsResultEntry } from './protocol.js';
