import { fileURLToPath } from "node:url";
import { Duration } from "aws-cdk-lib";
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { UserPool, UserPoolClient } from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { COGNITO_ADMIN_ACTIONS } from "../../api/accounts/cognito-people";
import type { ExportBucket } from "./export-bucket";

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Exactly the item operations api/storage/dynamodb-repository.ts sends (TransactWriteItems is authorised per item action
 * inside it). No Scan, no batch writes, no table management: the table is infra's, not the app's.
 */
export const TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:ConditionCheckItem",
] as const;

export interface ApiServiceProps {
  table: ITable;
  userPool: UserPool;
  client: UserPoolClient;
  /** The task pane's origin (https://…cloudfront.net): the only browser origin the API answers. */
  addinOrigin: string;
  /** Where the function stores the consolidated .xlsx it hands out by link. */
  exports: ExportBucket;
}

/** api/lambda.ts as one arm64 function behind an HTTP API whose JWT authorizer accepts the pool's ID tokens. */
export class ApiService extends Construct {
  readonly fn: NodejsFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, "FunctionLogs", { retention: RetentionDays.THREE_MONTHS });

    // A role of our own instead of the default one, which would carry the AWS-managed basic execution policy
    // (logs on every log group); this one may write to its own log group, touch its own table and put and get
    // its exports, nothing else.
    const role = new Role(this, "FunctionRole", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: "Taizhang API: its own table, its own log group and its exports, nothing else",
    });
    role.addToPolicy(new PolicyStatement({ actions: [...TABLE_ACTIONS], resources: [props.table.tableArn] }));
    // The admin's 账号 view on this pool only (api/accounts/cognito-people.ts): no ListUsers of other pools, no
    // pool management, no password read (Cognito has none).
    role.addToPolicy(new PolicyStatement({ actions: [...COGNITO_ADMIN_ACTIONS], resources: [props.userPool.userPoolArn] }));
    logGroup.grantWrite(role);
    props.exports.grantExports(role);

    this.fn = new NodejsFunction(this, "Function", {
      entry: `${root}api/lambda.ts`,
      handler: "handler",
      projectRoot: root,
      depsLockFilePath: `${root}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // The consolidated .xlsx of 1,000 units is written while it is read (a few tens of MB live), but exceljs is
      // CPU-bound and Lambda's CPU grows with memory: 1 GB writes it in a few seconds.
      memorySize: 1024,
      // API Gateway gives up on an integration after 30 s.
      timeout: Duration.seconds(29),
      role,
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        EXPORT_BUCKET: props.exports.bucket.bucketName,
        AUTH_MODE: "cognito",
        COGNITO_USER_POOL_ID: props.userPool.userPoolId,
        COGNITO_CLIENT_ID: props.client.userPoolClientId,
        ADDIN_ORIGIN: props.addinOrigin,
        NODE_OPTIONS: "--enable-source-maps",
      },
      bundling: {
        forceDockerBundling: false,
        // api/lambda.ts awaits its verifier at the top level, which only ES modules allow; the banner gives the
        // CommonJS dependencies (exceljs …) the `require` they expect inside an ES module.
        format: OutputFormat.ESM,
        mainFields: ["module", "main"],
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        // The SDK versions the tests ran against, not whatever the runtime ships.
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
      },
    });

    const accessLogs = new LogGroup(this, "AccessLogs", { retention: RetentionDays.ONE_YEAR });
    this.api = new HttpApi(this, "Http", {
      description: "台账 API",
      createDefaultStage: false,
      defaultAuthorizer: new HttpUserPoolAuthorizer("Cognito", props.userPool, { userPoolClients: [props.client] }),
      // Preflights are answered by API Gateway itself, before any authorizer, because no route takes OPTIONS.
      corsPreflight: {
        allowOrigins: [props.addinOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.PUT, CorsHttpMethod.POST],
        allowHeaders: ["authorization", "content-type", "idempotency-key"],
        exposeHeaders: ["content-disposition"],
        maxAge: Duration.days(1),
      },
    });
    this.api.addRoutes({
      path: "/{proxy+}",
      methods: [HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST],
      integration: new HttpLambdaIntegration("App", this.fn),
    });
    this.stage = this.api.addStage("Stage", {
      stageName: "$default",
      autoDeploy: true,
      // Far above 100 units syncing, low enough that a runaway script cannot run up the bill.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            time: "$context.requestTime",
            method: "$context.httpMethod",
            path: "$context.path",
            status: "$context.status",
            sub: "$context.authorizer.claims.sub",
            latency: "$context.responseLatency",
            error: "$context.integrationErrorMessage",
          }),
        ),
      },
    });
  }

  /** https://<id>.execute-api.<region>.amazonaws.com/ */
  get url(): string {
    return this.stage.url;
  }
}
