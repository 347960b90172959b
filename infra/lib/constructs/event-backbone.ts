import type { Duration } from 'aws-cdk-lib';
import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { ALL_DETAIL_TYPES, EVENT_BUS_NAME, SOURCES } from '@culturebridge/events';
import { eventJsonSchema } from '@culturebridge/events/json-schema';

export interface EventBackboneProps {
  archiveRetention: Duration;
  stage: string;
}

/**
 * Partner systems subscribe to `culturebridge` in production; other stages get their own names so
 * that two stages can live in one account and region.
 */
export function stageName(stage: string): string {
  return stage === 'prod' ? EVENT_BUS_NAME : `${EVENT_BUS_NAME}-${stage}`;
}

/** The custom bus partner systems subscribe to, its archive for replays, and the published schemas. */
export class EventBackbone extends Construct {
  readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: EventBackboneProps) {
    super(scope, id);
    const name = stageName(props.stage);
    this.bus = new EventBus(this, 'Bus', { eventBusName: name });
    this.bus.archive('Archive', {
      archiveName: `${name}-archive`,
      description: 'Every CultureBridge event, for replays to partner systems',
      eventPattern: { source: Object.values(SOURCES) },
      retention: props.archiveRetention,
    });

    const registry = new CfnRegistry(this, 'Registry', {
      registryName: name,
      description: 'CultureBridge event schemas (generated from events/src)',
    });
    for (const detailType of ALL_DETAIL_TYPES) {
      const schema = new CfnSchema(this, `Schema${detailType}`, {
        registryName: name,
        schemaName: `${name}@${detailType}`,
        type: 'JSONSchemaDraft4',
        content: JSON.stringify(eventJsonSchema(detailType)),
        description: `${detailType}, schema version 1`,
      });
      schema.addResourceDependency(registry);
    }
  }
}
