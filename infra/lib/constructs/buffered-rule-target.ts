import { Duration } from 'aws-cdk-lib';
import { Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RuleDefinition } from '@culturebridge/events';
import { FailureQueue } from './failure-queue.js';
import type { NodeFunction } from './node-function.js';

export interface BufferedRuleTargetProps {
  bus: IEventBus;
  rule: RuleDefinition<string>;
  stage: string;
  consumer: NodeFunction;
  /** How many invocations may drain the buffer at once. */
  maxConcurrency: number;
  failureDescription: string;
}

/**
 * A rule of ours delivered through an SQS buffer: the queue absorbs bursts and retries each message
 * on its own (partial batch responses); after five receives, or when EventBridge cannot deliver at
 * all, the message lands in a failure queue with an alarm. The local runtime wires the same shape.
 */
export class BufferedRuleTarget extends Construct {
  /** The queue the rule feeds and the function drains. */
  readonly buffer: Queue;
  /** Where messages go after their retries, with an alarm. */
  readonly failures: FailureQueue;

  constructor(scope: Construct, id: string, props: BufferedRuleTargetProps) {
    super(scope, id);
    const failures = new FailureQueue(this, 'Failures', { description: props.failureDescription });
    this.failures = failures;
    const buffer = new Queue(this, 'Buffer', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the function timeout, as AWS recommends for SQS event sources.
      visibilityTimeout: props.consumer.fn.timeout ? Duration.seconds(props.consumer.fn.timeout.toSeconds() * 6) : Duration.minutes(6),
      deadLetterQueue: { queue: failures.queue, maxReceiveCount: 5 },
    });
    this.buffer = buffer;
    props.consumer.fn.addEventSource(new SqsEventSource(buffer, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: props.maxConcurrency }));
    new Rule(this, 'Rule', {
      eventBus: props.bus,
      ruleName: `${props.rule.name}-${props.stage}`,
      description: props.rule.description,
      eventPattern: props.rule.eventPattern,
      targets: [new SqsQueue(buffer, { deadLetterQueue: failures.queue, retryAttempts: 10 })],
    });
  }
}
