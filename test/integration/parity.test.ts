
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import type { Platform } from '../../local/platform.js';
import { startTestPlatform } from '../support/platform.js';
import { synthStack } from '../infra/synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };

/** The function a resource reference points at, named by its service (its folder under functions/). */
function functionName(resources: Record<string, Resource>, ref: unknown): string {
  const logicalId = (ref as { Ref?: string; 'Fn::GetAtt'?: [string, string] }).Ref ?? (ref as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  const fn = resources[logicalId];
  const env = (fn?.Properties.Environment as { Variables: Record<string, string> }).Variables;
  return env.POWERTOOLS_SERVICE_NAME as string;
}

const getAttOf = (value: unknown) => (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];

let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform('parity');
});
afterAll(async () => platform?.stop());

describe('local runtime and CDK stack are wired the same way', () => {
  const resources = Template.fromStack(synthStack().stack).toJSON().Resources as Record<string, Resource>;
  const all = Object.entries(resources);
  const mappings = all.filter(([, r]) => r.Type === 'AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);

  it('has the same rules, with the same patterns, delivering to the same functions', () => {
    const deployed = all
      .filter(([, r]) => r.Type === 'AWS::Events::Rule')
      .map(([, r]) => {
        const targets = r.Properties.Targets as { Arn: unknown }[];
        // A rule targets an SQS buffer; the buffer's event source mapping names the function.
        const queueId = getAttOf(targets[0]?.Arn)?.[0];
        const mapping = mappings.find((m) => getAttOf(m.EventSourceArn)?.[0] === queueId);
        return { eventPattern: r.Properties.EventPattern, target: functionName(resources, mapping?.FunctionName) };
      });
    const local = platform.wiring.rules.map(({ eventPattern, target }) => ({ eventPattern, target }));
    expect(local).toHaveLength(deployed.length);
    expect(local).toEqual(expect.arrayContaining(deployed));
  });

  it('feeds the table stream to the same consumers, with the same batch size, retries, bisect and partial-failure reporting', () => {
    const deployed = mappings
      .filter((m) => getAttOf(m.EventSourceArn)?.[1] === 'StreamArn')
      .map((m) => ({
        function: functionName(resources, m.FunctionName),
        batchSize: m.BatchSize,
        maxRetries: m.MaximumRetryAttempts,
        bisectOnError: m.BisectBatchOnFunctionError,
        reportBatchItemFailures: (m.FunctionResponseTypes as string[] | undefined)?.includes('ReportBatchItemFailures') ?? false,
      }));
    // The starting position differs on purpose (see LocalStreamConsumer); everything else must not.
    expect(platform.wiring.streamConsumers.map(({ startingPosition: _s, ...rest }) => rest)).toEqual(deployed);
  });
});
