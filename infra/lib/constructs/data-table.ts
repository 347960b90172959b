import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '@culturebridge/store';

export interface DataTableProps {
  removalPolicy: RemovalPolicy;
}

/** The single table of DESIGN §7, built from the same key definition the store and local runtime use. */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE.ttlAttribute,
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.networkIndex.name,
      partitionKey: { name: TABLE.networkIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.networkIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[TABLE.networkIndex.projection],
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.openProposalsIndex.name,
      partitionKey: { name: TABLE.openProposalsIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.openProposalsIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[TABLE.openProposalsIndex.projection],
    });
  }
}
