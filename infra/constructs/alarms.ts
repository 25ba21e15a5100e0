import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Operation, type ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

export interface AlarmsProps {
  fn: IFunction;
  api: HttpApi;
  table: ITable;
  /** Who is mailed when an alarm fires (TAIZHANG_ALARM_EMAIL at deploy); without it the alarms only show in the console. */
  email?: string;
}

/**
 * One alarm per way the service fails a user: the function throwing, the API answering 5xx, the table refusing
 * work. Any single occurrence in five minutes counts: at a few hundred syncs a day, one is already news.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, "Topic", { displayName: "台账告警", enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    const period = Duration.minutes(5);
    // The operations api/storage/dynamodb-repository.ts sends; a sync is one TransactWriteItems.
    const operations = [Operation.GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.TRANSACT_WRITE_ITEMS];
    const watched: [string, string, IMetric][] = [
      ["FunctionErrors", "台账 API 函数出错", props.fn.metricErrors({ period, statistic: "Sum" })],
      ["Api5xx", "台账 API 返回 5xx", props.api.metricServerError({ period, statistic: "Sum" })],
      ["TableThrottles", "台账数据表请求被限流", props.table.metricThrottledRequestsForOperations({ operations, period })],
    ];
    this.alarms = watched.map(
      ([name, description, metric]) =>
        new Alarm(this, name, {
          metric,
          alarmDescription: description,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    for (const alarm of this.alarms) alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
