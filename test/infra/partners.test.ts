// Partner access to the bus and the webhook delivery path in the synthesized template (issue 13).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ALL_DETAIL_TYPES, SOURCES } from '@culturebridge/events';
import { PARTNER_RULE_ACTIONS } from '../../infra/lib/constructs/partner-access.js';
import { nagViolations, synthStack } from './synth.js';

type Statement = { Sid: string; Principal: unknown; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

const statementsOf = (template: Template) =>
  Object.values(template.findResources('AWS::Events::EventBusPolicy')).flatMap((r) => ((r.Properties as { Statement?: Statement | Statement[] }).Statement ? [(r.Properties as { Statement: Statement }).Statement].flat() : []));

describe('partner accounts on the bus', () => {
  it('grants nothing to other accounts by default', () => {
    expect(statementsOf(Template.fromStack(synthStack().stack))).toEqual([]);
  });

  it('lets each listed account put rules only for CultureBridge sources, and manage only the rules it created', () => {
    const template = Template.fromStack(synthStack({ partnerAccounts: ['111111111111', '222222222222'] }).stack);
    const statements = statementsOf(template);
    expect(statements).toHaveLength(4);
    for (const account of ['111111111111', '222222222222']) {
      const mine = statements.filter((s) => JSON.stringify(s.Principal).includes(`:iam::${account}:root`));
      expect(mine.map((s) => s.Action).sort()).toEqual([PARTNER_RULE_ACTIONS, 'events:PutRule'].sort());
      for (const s of mine) {
        expect(s.Condition?.StringEqualsIfExists).toEqual({ 'events:creatorAccount': '${aws:PrincipalAccount}' });
        expect(JSON.stringify(s.Resource)).toMatch(/:rule\/".*"\/\*/);
        expect(s.Action).not.toContain('events:PutEvents');
      }
      const putRule = mine.find((s) => s.Action === 'events:PutRule');
      expect(putRule?.Condition?.['ForAllValues:StringEquals']).toEqual({ 'events:source': Object.values(SOURCES) });
      expect(putRule?.Condition?.Null).toEqual({ 'events:source': 'false' });
    }
  });

  it('refuses an account id that is not 12 digits', () => {
    expect(() => synthStack({ partnerAccounts: ['12345'] })).toThrow(/12-digit/);
  });

  it('stays cdk-nag clean with partner accounts', () => {
    expect(nagViolations(synthStack({ partnerAccounts: ['111111111111'] }).app)).toEqual([]);
  });

  it('`cdk synth -c partnerAccounts=111111111111` (bin/app.ts with that context) writes the policy with the creatorAccount condition', () => {
    // The CDK CLI runs bin/app.ts with the -c values in CDK_CONTEXT_JSON; so does this (bundling skipped).
    const out = mkdtempSync(join(tmpdir(), 'cdk-partners-'));
    execFileSync('npx', ['tsx', 'infra/bin/app.ts'], {
      stdio: 'pipe',
      env: { ...process.env, CDK_OUTDIR: out, CDK_CONTEXT_JSON: JSON.stringify({ partnerAccounts: '111111111111', 'aws:cdk:bundling-stacks': [] }) },
    });
    const template = JSON.parse(readFileSync(join(out, 'CultureBridge-dev.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: unknown }> };
    const policies = JSON.stringify(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Events::EventBusPolicy'));
    expect(policies).toContain('"events:creatorAccount":"${aws:PrincipalAccount}"');
    expect(policies).toContain(':iam::111111111111:root');
  });
});

describe('partner accounts from SSM', () => {
  it('`cdk synth -c partnerAccountsParameter=…` reads the accounts from the parameter into the same policy, with no extra stack', () => {
    const out = mkdtempSync(join(tmpdir(), 'cdk-partners-ssm-'));
    // What `cdk synth` caches in cdk.context.json after looking the parameter up.
    const lookup = 'ssm:account=123456789012:parameterName=/culturebridge/partner-accounts:region=eu-central-1';
    execFileSync('npx', ['tsx', 'infra/bin/app.ts'], {
      stdio: 'pipe',
      env: {
        ...process.env,
        CDK_OUTDIR: out,
        CDK_DEFAULT_ACCOUNT: '123456789012',
        CDK_DEFAULT_REGION: 'eu-central-1',
        CDK_CONTEXT_JSON: JSON.stringify({ partnerAccountsParameter: '/culturebridge/partner-accounts', [lookup]: '333333333333, 444444444444', 'aws:cdk:bundling-stacks': [] }),
      },
    });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    expect(Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([name]) => name)).toEqual(['CultureBridge-dev']);
    const template = JSON.parse(readFileSync(join(out, 'CultureBridge-dev.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: unknown }> };
    const policies = JSON.stringify(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Events::EventBusPolicy'));
    expect(policies).toContain(':iam::333333333333:root');
    expect(policies).toContain(':iam::444444444444:root');
    expect(policies).toContain('"events:creatorAccount":"${aws:PrincipalAccount}"');
  });
});

describe('webhook delivery', () => {
  const template = Template.fromStack(synthStack().stack);

  it('has ONE rule for every detail type, feeding an SQS buffer with a dead-letter queue and an alarm', () => {
    const rules = template.findResources('AWS::Events::Rule', { Properties: { Name: 'partner-webhooks-dev' } });
    expect(Object.values(rules)).toHaveLength(1);
    const pattern = (Object.values(rules)[0]?.Properties as { EventPattern: { 'detail-type': string[] } }).EventPattern;
    expect(pattern['detail-type']).toEqual(ALL_DETAIL_TYPES);
  });

  it('runs deliver-webhooks with the queue URLs, the operator address and no private-target switch', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'deliver-webhooks', QUEUE_URL: Match.anyValue(), DEAD_LETTER_QUEUE_URL: Match.anyValue(), OPERATOR_EMAIL: Match.anyValue() }) },
    });
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f) => JSON.stringify(f).includes('"POWERTOOLS_SERVICE_NAME":"deliver-webhooks"'));
    expect(JSON.stringify(fn)).not.toContain('WEBHOOK_ALLOW_PRIVATE_TARGETS');
  });
});
