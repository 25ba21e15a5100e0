// The reminders' side of the stack: the daily digest as an EventBridge Scheduler schedule that invokes the API
// function (api/lambda.ts tells its payload from an HTTP request), and, when a sender is given, mail through SES.
// Least privilege: the schedule's role may invoke this one function and nothing else; the function may send mail
// only as the configured sender.
import { Stack, TimeZone } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { Construct } from "constructs";
import { DIGEST_EVENT, DIGEST_TIME } from "../../api/oversight/digest-time";

export interface NotificationsProps {
  fn: IFunction & { addEnvironment(key: string, value: string): unknown };
  /** The address reminders are mailed from (TAIZHANG_MAIL_FROM at deploy), verified in SES; no mail without it. */
  mailFrom?: string;
}

export class Notifications extends Construct {
  readonly schedule: Schedule;
  readonly invokeRole: Role;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    this.invokeRole = new Role(this, "InvokeRole", {
      // Only schedules of this account may take the role (the confused-deputy guard AWS recommends).
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", { conditions: { StringEquals: { "aws:SourceAccount": account } } }),
      description: "Taizhang daily digest: invoke the API function, nothing else",
    });
    this.invokeRole.addToPolicy(new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [props.fn.functionArn] }));
    const role = this.invokeRole;
    this.schedule = new Schedule(this, "DailyDigest", {
      description: "台账每日提醒：逾期、即将到期、退回待改、未报送",
      schedule: ScheduleExpression.cron({ minute: String(DIGEST_TIME.minute), hour: String(DIGEST_TIME.hour), timeZone: TimeZone.ASIA_SHANGHAI }),
      target: {
        bind: () => ({
          arn: props.fn.functionArn,
          role,
          input: ScheduleTargetInput.fromObject(DIGEST_EVENT),
          // A missed invocation is worth a few tries within the hour, not a digest at noon.
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        }),
      },
    });

    if (props.mailFrom) {
      const domain = props.mailFrom.split("@")[1]!;
      props.fn.addEnvironment("MAIL_TRANSPORT", "ses");
      props.fn.addEnvironment("MAIL_FROM", props.mailFrom);
      // SES authorises a send against the verified identity: the sender's address or its whole domain.
      const identity = (name: string) => `arn:${partition}:ses:${region}:${account}:identity/${name}`;
      props.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ["ses:SendEmail"],
          resources: [identity(props.mailFrom), identity(domain)],
          conditions: { StringEquals: { "ses:FromAddress": props.mailFrom } },
        }),
      );
    }
  }
}
