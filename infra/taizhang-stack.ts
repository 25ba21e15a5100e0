import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { Source } from "aws-cdk-lib/aws-s3-deployment";
import type { Construct } from "constructs";
import type { PaneConfig } from "../core/accounts/contract";
import { AddinSite } from "./constructs/addin-site";
import { Alarms } from "./constructs/alarms";
import { ApiService } from "./constructs/api-service";
import { ExportBucket } from "./constructs/export-bucket";
import { LedgerTable } from "./constructs/ledger-table";
import { Notifications } from "./constructs/notifications";
import { UserDirectory } from "./constructs/user-directory";

export interface TaizhangStackProps extends StackProps {
  /** The built task pane; see AddinSiteProps. */
  addinDir?: string;
  /** Mailed when an alarm fires. */
  alarmEmail?: string;
  /** Reminders are mailed from this address through SES; without it reminders go only to the group robots. */
  mailFrom?: string;
}

/** The production system of DESIGN.md: table, users, API, add-in site, alarms. */
export class TaizhangStack extends Stack {
  readonly ledgers: LedgerTable;
  readonly users: UserDirectory;
  readonly site: AddinSite;
  readonly exports: ExportBucket;
  readonly service: ApiService;
  readonly alarms: Alarms;
  readonly notifications: Notifications;

  constructor(scope: Construct, id: string, props: TaizhangStackProps = {}) {
    super(scope, id, { description: "台账：政务公开任务台账（DynamoDB、Lambda、HTTP API、Cognito、CloudFront）", ...props });
    this.ledgers = new LedgerTable(this, "Ledgers");
    this.users = new UserDirectory(this, "Users");
    this.site = new AddinSite(this, "Addin", { addinDir: props.addinDir });
    this.exports = new ExportBucket(this, "Exports");
    this.service = new ApiService(this, "Api", {
      exports: this.exports,
      table: this.ledgers.table,
      userPool: this.users.userPool,
      client: this.users.client,
      addinOrigin: this.site.origin,
    });
    this.notifications = new Notifications(this, "Notifications", { fn: this.service.fn, mailFrom: props.mailFrom });
    // config.json beside taskpane.html: the pane finds its API and user pool without anybody typing them.
    const config: PaneConfig = {
      apiUrl: this.service.url,
      signIn: { mode: "cognito", region: this.region, userPoolId: this.users.userPool.userPoolId, clientId: this.users.client.userPoolClientId },
    };
    this.site.deployment?.addSource(Source.jsonData("config.json", config));
    this.alarms = new Alarms(this, "Alarms", {
      fn: this.service.fn,
      api: this.service.api,
      table: this.ledgers.table,
      email: props.alarmEmail,
    });

    const outputs: Record<string, [string, string]> = {
      ApiUrl: [this.service.url, "API 地址（已写入任务窗格的 config.json）"],
      AddinUrl: [this.site.origin, "npm run manifest -- --url 用这个"],
      UserPoolId: [this.users.userPool.userPoolId, "用户池（首个管理员账号用）"],
      UserPoolClientId: [this.users.client.userPoolClientId, "任务窗格的用户池客户端（已写入 config.json）"],
      TableName: [this.ledgers.table.tableName, "数据表（保留，删栈不删）"],
      AddinBucket: [this.site.bucket.bucketName, "加载项文件所在的桶"],
      ExportBucket: [this.exports.bucket.bucketName, "汇总表导出文件所在的桶（文件一天后自动删除）"],
      AlarmTopicArn: [this.alarms.topic.topicArn, "订阅告警用"],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) new CfnOutput(this, name, { value, description });
  }
}
