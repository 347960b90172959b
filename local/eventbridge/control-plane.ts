// The slice of EventBridge's control plane a partner developer uses against `npm start`:
// TestEventPattern (to try a rule's pattern), and PutRule / DescribeRule / ListRules / DeleteRule /
// PutTargets / ListTargetsByRule / RemoveTargets so that a rule can be created, inspected and removed
// with the AWS CLI or SDK. Rules created this way match (the event log names them) but have no local
// delivery: their targets are ARNs in another account. Shapes and error codes follow the EventBridge
// API reference.

import { compilePattern, EventPatternError, type CompiledPattern } from './pattern.js';
import { AwsJsonError } from './protocol.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './envelope.js';

/** A rule created through the API (not wired in code). */
export interface ApiRule {
  name: string;
  eventBusName: string;
  eventPattern: string;
  compiled: CompiledPattern;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: Array<Record<string, unknown> & { Id: string; Arn: string }>;
}

export interface ControlPlaneState {
  busExists(name: string): boolean;
  apiRules(bus: string): Map<string, ApiRule>;
  /** True when a rule of this name is wired in code on the bus (those cannot be changed over the API). */
  isWiredRule(bus: string, name: string): boolean;
}

/** The envelope fields TestEventPattern requires of its Event (EventBridge API reference). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

const ruleArn = (bus: string, name: string) =>
  `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;

function str(body: Record<string, unknown>, field: string, required: true): string;
function str(body: Record<string, unknown>, field: string, required?: false): string | undefined;
function str(body: Record<string, unknown>, field: string, required = false): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw new AwsJsonError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof value !== 'string') throw new AwsJsonError('SerializationException', `${field} must be a string`);
  return value;
}

function compileOrThrow(text: string): CompiledPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsJsonError('InvalidEventPatternException', 'Event pattern is not valid. Reason: the pattern is not valid JSON');
  }
  try {
    return compilePattern(parsed);
  } catch (error) {
    if (error instanceof EventPatternError) throw new AwsJsonError('InvalidEventPatternException', error.message);
    throw error;
  }
}

function busOf(state: ControlPlaneState, body: Record<string, unknown>): string {
  const raw = str(body, 'EventBusName') ?? 'default';
  const bus = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(raw)?.[1] ?? raw;
  if (!state.busExists(bus)) throw new AwsJsonError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
  return bus;
}

function existingRule(state: ControlPlaneState, body: Record<string, unknown>, field = 'Name'): ApiRule {
  const bus = busOf(state, body);
  const name = str(body, field, true);
  const rule = state.apiRules(bus).get(name);
  if (!rule) throw new AwsJsonError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`);
  return rule;
}

/** Answers one control-plane operation; undefined when the operation is not one of these. */
export function controlPlane(operation: string, body: Record<string, unknown>, state: ControlPlaneState): unknown {
  switch (operation) {
    case 'TestEventPattern': {
      const compiled = compileOrThrow(str(body, 'EventPattern', true));
      let event: unknown;
      try {
        event = JSON.parse(str(body, 'Event', true));
      } catch {
        throw new AwsJsonError('ValidationException', 'Parameter Event is not valid: not JSON.');
      }
      if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new AwsJsonError('ValidationException', 'Parameter Event is not valid: not a JSON object.');
      const missing = REQUIRED_EVENT_FIELDS.filter((f) => !(f in event));
      if (missing.length > 0) throw new AwsJsonError('ValidationException', `Parameter Event is not valid: missing ${missing.join(', ')}.`);
      return { Result: compiled.matches(event) };
    }
    case 'PutRule': {
      const bus = busOf(state, body);
      const name = str(body, 'Name', true);
      if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new AwsJsonError('ValidationException', `Rule name ${name} is not valid.`);
      if (state.isWiredRule(bus, name)) throw new AwsJsonError('ManagedRuleException', `Rule ${name} is managed by CultureBridge and cannot be changed.`);
      if (body.ScheduleExpression !== undefined) throw new AwsJsonError('ValidationException', 'ScheduleExpression is supported only on the default event bus in AWS and not at all locally.');
      const eventPattern = str(body, 'EventPattern', true);
      const stateValue = str(body, 'State') ?? 'ENABLED';
      if (stateValue !== 'ENABLED' && stateValue !== 'DISABLED') throw new AwsJsonError('ValidationException', `State ${stateValue} is not valid.`);
      const rules = state.apiRules(bus);
      rules.set(name, {
        name,
        eventBusName: bus,
        eventPattern,
        compiled: compileOrThrow(eventPattern),
        state: stateValue,
        description: str(body, 'Description'),
        targets: rules.get(name)?.targets ?? [],
      });
      return { RuleArn: ruleArn(bus, name) };
    }
    case 'DescribeRule': {
      const rule = existingRule(state, body);
      return {
        Name: rule.name,
        Arn: ruleArn(rule.eventBusName, rule.name),
        EventPattern: rule.eventPattern,
        State: rule.state,
        Description: rule.description,
        EventBusName: rule.eventBusName,
        CreatedBy: LOCAL_ACCOUNT,
      };
    }
    case 'ListRules': {
      const bus = busOf(state, body);
      const prefix = str(body, 'NamePrefix') ?? '';
      const rules = [...state.apiRules(bus).values()].filter((r) => r.name.startsWith(prefix));
      return { Rules: rules.map((r) => ({ Name: r.name, Arn: ruleArn(bus, r.name), EventPattern: r.eventPattern, State: r.state, Description: r.description, EventBusName: bus })) };
    }
    case 'DeleteRule': {
      const rule = existingRule(state, body);
      if (rule.targets.length > 0) throw new AwsJsonError('ValidationException', 'Rule can\'t be deleted since it has targets.');
      state.apiRules(rule.eventBusName).delete(rule.name);
      return {};
    }
    case 'PutTargets': {
      const rule = existingRule(state, body, 'Rule');
      const targets = body.Targets;
      if (!Array.isArray(targets) || targets.length === 0) throw new AwsJsonError('ValidationException', 'Targets must be a non-empty list.');
      for (const target of targets as Array<Record<string, unknown>>) {
        if (typeof target.Id !== 'string' || typeof target.Arn !== 'string') throw new AwsJsonError('ValidationException', 'Each target needs an Id and an Arn.');
        rule.targets = [...rule.targets.filter((t) => t.Id !== target.Id), target as ApiRule['targets'][number]];
      }
      return { FailedEntryCount: 0, FailedEntries: [] };
    }
    case 'ListTargetsByRule':
      return { Targets: existingRule(state, body, 'Rule').targets };
    case 'RemoveTargets': {
      const rule = existingRule(state, body, 'Rule');
      const ids = Array.isArray(body.Ids) ? (body.Ids as unknown[]) : [];
      rule.targets = rule.targets.filter((t) => !ids.includes(t.Id));
      return { FailedEntryCount: 0, FailedEntries: [] };
    }
    default:
      return undefined;
  }
}
