import type { Duration } from 'aws-cdk-lib';
import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { ALL_DETAIL_TYPES, EVENT_BUS_NAME } from '@culturebridge/events';
import { eventJsonSchema } from '@culturebridge/events/json-schema';

export interface EventBackboneProps {
  archiveRetention: Duration;
}

/** The custom bus partner systems subscribe to, its archive for replays, and the published schemas. */
export class EventBackbone extends Construct {
  readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: EventBackboneProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME });
    this.bus.archive('Archive', {
      archiveName: `${EVENT_BUS_NAME}-archive`,
      description: 'Every CultureBridge event, for replays to partner systems',
      eventPattern: { source: [{ prefix: 'culturebridge.' }] as unknown as string[] },
      retention: props.archiveRetention,
    });

    const registry = new CfnRegistry(this, 'Registry', {
      registryName: EVENT_BUS_NAME,
      description: 'CultureBridge event schemas (generated from events/src)',
    });
    for (const detailType of ALL_DETAIL_TYPES) {
      const schema = new CfnSchema(this, `Schema${detailType}`, {
        registryName: EVENT_BUS_NAME,
        schemaName: `${EVENT_BUS_NAME}@${detailType}`,
        type: 'JSONSchemaDraft4',
        content: JSON.stringify(eventJsonSchema(detailType)),
        description: `${detailType}, schema version 1`,
      });
      schema.addDependency(registry);
    }
  }
}
