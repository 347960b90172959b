import { Stack } from 'aws-cdk-lib';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { AccountPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SOURCES } from '@culturebridge/events';

/** What a partner account may do with the rules it created on our bus (EventBridge API reference). */
export const PARTNER_RULE_ACTIONS = ['events:DeleteRule', 'events:DescribeRule', 'events:DisableRule', 'events:EnableRule', 'events:ListTargetsByRule', 'events:PutTargets', 'events:RemoveTargets', 'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource'];

/**
 * The bus policy for partner accounts (issue 13), per the EventBridge user guide's "manage rules
 * created by the account" example: each account may create rules only for CultureBridge sources
 * (`events:source`, and the pattern must name a source, so no rule can match everything), and may
 * change, target and delete only rules it created itself (`events:creatorAccount` equals the caller's
 * account). Nothing else: no PutEvents, no other account's rules.
 */
export function allowPartnerRules(bus: EventBus, accounts: readonly string[]): void {
  const stack = Stack.of(bus);
  const rules = stack.formatArn({ service: 'events', resource: 'rule', resourceName: `${bus.eventBusName}/*` });
  for (const account of [...new Set(accounts)]) {
    if (!/^\d{12}$/.test(account)) throw new Error(`partnerAccounts: ${account} is not a 12-digit AWS account id`);
    const ownRules = { StringEqualsIfExists: { 'events:creatorAccount': '${aws:PrincipalAccount}' } };
    bus.addToResourcePolicy(
      new PolicyStatement({
        sid: `Partner${account}PutRuleForCultureBridgeSources`,
        effect: Effect.ALLOW,
        principals: [new AccountPrincipal(account)],
        actions: ['events:PutRule'],
        resources: [rules],
        conditions: { ...ownRules, 'ForAllValues:StringEquals': { 'events:source': Object.values(SOURCES) }, Null: { 'events:source': 'false' } },
      }),
    );
    bus.addToResourcePolicy(
      new PolicyStatement({
        sid: `Partner${account}ManageOwnRules`,
        effect: Effect.ALLOW,
        principals: [new AccountPrincipal(account)],
        actions: PARTNER_RULE_ACTIONS,
        resources: [rules],
        conditions: ownRules,
      }),
    );
  }
}
