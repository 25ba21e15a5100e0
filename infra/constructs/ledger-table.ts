import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

/**
 * The one table of api/storage/keys.ts (pk, sk, items expiring at `expiresAt`), as api/storage/table.ts creates it
 * for DynamoDB Local. A plain single-region table on purpose: a sync's optimistic lock (a conditioned
 * TransactWriteItems) only holds where every writer sees the same item, which global-table replicas do not give.
 */
export class LedgerTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: "expiresAt",
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Every unit's ledgers and their history are the product's records: tearing the stack down keeps them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
