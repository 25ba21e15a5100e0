// The CDK app as `npm run deploy` builds it (with a built add-in to upload), synthesised once for the whole file
// with esbuild bundling skipped, the AwsSolutions checks running inside that synth as they do in `cdk synth`.
// Then: api/lambda.ts run with the environment the stack gives the function, and `npm run manifest`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { App, Stack, Validations, type CfnElement, type PolicyValidationPluginReport } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { AwsSolutionsChecks } from "cdk-nag";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { OfficeAddinManifest } from "office-addin-manifest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../api/cli/args";
import { signLocalToken } from "../../api/auth/local-tokens";
import { ensureTable } from "../../api/storage/table";
import { buildApp, STACK_NAME } from "../../infra/build-app";
import { AddinSite, PANE_PAGE } from "../../infra/constructs/addin-site";
import { TABLE_ACTIONS } from "../../infra/constructs/api-service";
import { EXPORT_ACTIONS } from "../../infra/constructs/export-bucket";
import { EXPORT_KEEP_DAYS, EXPORT_PREFIX } from "../../api/exports/export-store";
import { COGNITO_ADMIN_ACTIONS } from "../../api/accounts/cognito-people";
import { PaneConfig } from "../../core/accounts/contract";
import { PASSWORD_POLICY } from "../../core/accounts/password-policy";
import { LOCAL_ORIGIN, productionManifest, run as runManifest } from "../../infra/manifest";
import type { TaizhangStack } from "../../infra/taizhang-stack";

const root = fileURLToPath(new URL("../../", import.meta.url));

// CloudFormation JSON is untyped by nature; these aliases say what is being walked.
type Json = any;
type Resource = { Type: string; Properties?: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const scratch = mkdtempSync(join(tmpdir(), "taizhang-infra-"));
let app: App;
let stack: TaizhangStack;
let template: Template;
let resources: Record<string, Resource>;
let outputs: Record<string, { Value: Json }>;
let nagReports: PolicyValidationPluginReport[];
let outdir: string;
/** Logical ids of the stack's main resources. */
let id: { table: string; fn: string; role: string; pool: string; client: string; api: string; bucket: string; cdn: string; topic: string; exports: string };

const ref = (logicalId: string) => ({ Ref: logicalId });
const arnOf = (logicalId: string) => ({ "Fn::GetAtt": [logicalId, "Arn"] });
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

beforeAll(() => {
  // What the deploy uploads: `npm run build:addin` output, here one page is enough.
  const addinDir = join(scratch, "addin");
  mkdirSync(addinDir);
  writeFileSync(join(addinDir, PANE_PAGE), "<!doctype html><title>台账</title>");
  outdir = join(scratch, "cdk.out");

  // The report each AwsSolutions run hands back to CDK during synth (CDK fails the synth when it is not a success).
  const validate = vi.spyOn(AwsSolutionsChecks.prototype, "validate");
  const started = performance.now();
  ({ app, stack } = buildApp({ context: { "aws:cdk:bundling-stacks": [] }, outdir }, { addinDir }));
  app.synth();
  // Seen on this machine: 4–8 s, most of it CDK's own template checks and the AwsSolutions pass.
  console.info(`infra.test: synth ${((performance.now() - started) / 1000).toFixed(1)} s`);
  nagReports = validate.mock.results.map((r) => r.value as PolicyValidationPluginReport);
  validate.mockRestore();

  template = Template.fromStack(stack);
  const json = template.toJSON();
  resources = json.Resources;
  outputs = json.Outputs;
  id = {
    table: logicalId(stack.ledgers.table),
    fn: logicalId(stack.service.fn),
    role: logicalId(stack.service.fn.role!),
    pool: logicalId(stack.users.userPool),
    client: logicalId(stack.users.client),
    api: logicalId(stack.service.api),
    bucket: logicalId(stack.site.bucket),
    cdn: logicalId(stack.site.distribution),
    topic: logicalId(stack.alarms.topic),
    exports: logicalId(stack.exports.bucket),
  };
}, 120_000);

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the stack", () => {
  it("keeps every ledger in one on-demand, single-region table with point-in-time recovery that outlives the stack", async () => {
    expect(ofType("AWS::DynamoDB::Table").map(([k]) => k)).toEqual([id.table]);
    expect(ofType("AWS::DynamoDB::GlobalTable")).toEqual([]);
    const table = resources[id.table]!;
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    const p = table.Properties;
    expect(p.BillingMode).toBe("PAY_PER_REQUEST");
    expect(p.ProvisionedThroughput).toBeUndefined();
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.DeletionProtectionEnabled).toBe(true);
    expect(p.Replicas).toBeUndefined();
    expect(p.TableName).toBeUndefined(); // CloudFormation names it, so a second stack never collides

    // The same keys and expiry as the table the local stack and the integration tests create.
    let created: Json;
    let ttl: Json;
    const fakeDb = {
      async send(command: { input: Json; constructor: { name: string } }) {
        if (command.constructor.name === "DescribeTableCommand") throw new ResourceNotFoundException({ message: "absent", $metadata: {} });
        if (command.constructor.name === "CreateTableCommand") created = command.input;
        if (command.constructor.name === "UpdateTimeToLiveCommand") ttl = command.input;
        return {};
      },
    };
    await ensureTable(fakeDb as unknown as DynamoDBDocumentClient, "local");
    expect(p.KeySchema).toEqual(created.KeySchema);
    expect(p.AttributeDefinitions).toEqual(created.AttributeDefinitions);
    expect(p.TimeToLiveSpecification).toEqual(ttl.TimeToLiveSpecification);
  });

  it("runs the API as one arm64 function on Node 22 or newer whose environment names this table, pool and client", () => {
    const apiFunctions = ofType("AWS::Lambda::Function").filter(([, r]) => r.Properties.Environment?.Variables?.TABLE_NAME);
    expect(apiFunctions.map(([k]) => k)).toEqual([id.fn]);
    const p = resources[id.fn]!.Properties;
    const node = /^nodejs(\d+)\.x$/.exec(p.Runtime);
    expect(node, p.Runtime).not.toBeNull();
    expect(Number(node![1])).toBeGreaterThanOrEqual(22);
    expect(p.Architectures).toEqual(["arm64"]);
    expect(p.Handler).toBe("index.handler");
    expect(p.Role).toEqual(arnOf(id.role));
    expect(p.Environment.Variables).toMatchObject({
      TABLE_NAME: ref(id.table),
      EXPORT_BUCKET: ref(id.exports),
      AUTH_MODE: "cognito",
      COGNITO_USER_POOL_ID: ref(id.pool),
      COGNITO_CLIENT_ID: ref(id.client),
      ADDIN_ORIGIN: outputs.AddinUrl!.Value,
    });
  });

  it("puts the function behind an HTTP API whose every route needs a JWT from this user pool's pane client", () => {
    const [authorizer, ...others] = ofType("AWS::ApiGatewayV2::Authorizer");
    expect(others).toEqual([]);
    const [authorizerId, { Properties: auth }] = authorizer!;
    expect(auth).toMatchObject({ ApiId: ref(id.api), AuthorizerType: "JWT", IdentitySource: ["$request.header.Authorization"] });
    expect(auth.JwtConfiguration).toEqual({
      Audience: [ref(id.client)],
      Issuer: { "Fn::Join": ["", ["https://cognito-idp.", { Ref: "AWS::Region" }, ".amazonaws.com/", ref(id.pool)]] },
    });

    const routes = ofType("AWS::ApiGatewayV2::Route");
    expect(routes.length).toBeGreaterThan(0);
    for (const [name, { Properties: route }] of routes) {
      expect(route, name).toMatchObject({ ApiId: ref(id.api), AuthorizationType: "JWT", AuthorizerId: ref(authorizerId) });
      // ANY or OPTIONS would put the browser's CORS preflight behind the authorizer, and every call from the pane would fail.
      expect(route.RouteKey, name).toMatch(/^(GET|PUT|POST) \//);
      const integrationId = route.Target["Fn::Join"][1][1].Ref;
      expect(resources[integrationId]!.Properties).toMatchObject({ IntegrationType: "AWS_PROXY", IntegrationUri: arnOf(id.fn) });
    }
    const api = resources[id.api]!.Properties;
    expect(api.ProtocolType).toBe("HTTP");
    expect(api.CorsConfiguration.AllowOrigins).toEqual([outputs.AddinUrl!.Value]);
  });

  it("has the roles as Cognito groups, and the unit as a custom attribute the pane may read but never write", () => {
    const groups = ofType("AWS::Cognito::UserPoolGroup").map(([, r]) => r.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual(["admin", "clerk", "office"]);
    for (const group of groups) expect(group.UserPoolId).toEqual(ref(id.pool));

    const pool = resources[id.pool]!.Properties;
    expect(pool.Schema).toContainEqual(expect.objectContaining({ Name: "unit", AttributeDataType: "String", Mutable: true }));
    expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    const client = resources[id.client]!.Properties;
    expect(client.UserPoolId).toEqual(ref(id.pool));
    expect(client.GenerateSecret).toBe(false);
    expect(client.ReadAttributes).toContain("custom:unit");
    expect(client.WriteAttributes).not.toContain("custom:unit"); // else a clerk could move to another unit
  });

  it("gives the pane's app client exactly the flows the pane uses, with token lifetimes and revocation chosen", () => {
    const client = resources[id.client]!.Properties;
    // USER_PASSWORD_AUTH to sign in, REFRESH_TOKEN_AUTH to renew; no SRP, no admin or custom flow.
    expect([...client.ExplicitAuthFlows].sort()).toEqual(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]);
    expect(client).toMatchObject({
      IdTokenValidity: 10,
      AccessTokenValidity: 10,
      RefreshTokenValidity: 10080,
      AuthSessionValidity: 10,
      TokenValidityUnits: { IdToken: "minutes", AccessToken: "minutes", RefreshToken: "minutes" },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: "ENABLED",
    });
    // Rotation deliberately off (see infra/constructs/user-directory.ts): the pane renews with REFRESH_TOKEN_AUTH.
    expect(client.RefreshTokenRotation).toBeUndefined();
    expect(client.ReadAttributes).toContain("name");
    expect(client.WriteAttributes ?? []).not.toContain("name");

    const pool = resources[id.pool]!.Properties;
    expect(pool.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: PASSWORD_POLICY.minLength,
      RequireLowercase: PASSWORD_POLICY.requireLowercase,
      RequireUppercase: PASSWORD_POLICY.requireUppercase,
      RequireNumbers: PASSWORD_POLICY.requireDigits,
      RequireSymbols: PASSWORD_POLICY.requireSymbols,
    });
    expect(pool.Schema).toContainEqual(expect.objectContaining({ Name: "name", Mutable: true }));
  });

  it("deploys config.json beside the pane with this API, pool and client, so nobody types them", () => {
    const [upload] = ofType("Custom::CDKBucketDeployment");
    const markers = upload![1].Properties.SourceMarkers as Record<string, Json>[];
    const config = markers.find((m) => m && Object.keys(m).length > 0);
    expect(config, JSON.stringify(upload![1].Properties)).toBeDefined();
    // Deploy-time values: the markers stand for the API's URL, the region and the pool and client ids.
    const values = Object.values(config!);
    expect(values).toContainEqual(ref(id.pool));
    expect(values).toContainEqual(ref(id.client));
    expect(values).toContainEqual({ Ref: "AWS::Region" });
    expect(values).toContainEqual(ref(id.api));
    // What the pane will read once the markers are replaced is a valid PaneConfig in cognito mode.
    const shape = PaneConfig.parse({
      apiUrl: "https://abc123.execute-api.us-east-1.amazonaws.com/",
      signIn: { mode: "cognito", region: "us-east-1", userPoolId: "us-east-1_TzTest001", clientId: "4tzclient0test0pane0id0000" },
    });
    expect(shape.signIn.mode).toBe("cognito");
  });

  it("lets the function use its own table, its own log group, the admin's calls on its own user pool and its exports, and nothing else", () => {
    const role = resources[id.role]!.Properties;
    // No managed policy (AWSLambdaBasicExecutionRole alone writes to every log group in the account).
    expect(role.ManagedPolicyArns).toBeUndefined();
    const attached = [...ofType("AWS::IAM::Policy"), ...ofType("AWS::IAM::ManagedPolicy")]
      .filter(([, r]) => asArray(r.Properties.Roles).some((r2: Json) => r2?.Ref === id.role))
      .map(([, r]) => r.Properties.PolicyDocument);
    const documents = [...attached, ...asArray(role.Policies).map((p: Json) => p.PolicyDocument)];
    const statements: Json[] = documents.flatMap((d) => asArray(d.Statement));
    expect(statements.length).toBeGreaterThan(0);

    const tableArns = [arnOf(id.table), { "Fn::Join": ["", [arnOf(id.table), "/index/*"]] }];
    const dynamoActions = new Set<string>();
    for (const statement of statements) {
      const actions: string[] = asArray(statement.Action);
      const where = JSON.stringify(statement);
      expect(statement.Effect, where).toBe("Allow");
      expect(statement.NotAction, where).toBeUndefined();
      expect(statement.NotResource, where).toBeUndefined();
      expect(actions, where).not.toContain("*");
      expect(asArray(statement.Resource), where).not.toContain("*");
      const dynamo = actions.filter((a) => a.toLowerCase().startsWith("dynamodb:"));
      if (!dynamo.length) continue;
      for (const action of dynamo) {
        expect(action, where).not.toContain("*");
        dynamoActions.add(action);
      }
      for (const resource of asArray(statement.Resource)) expect(tableArns, where).toContainEqual(resource);
    }
    // Exactly what api/storage/dynamodb-repository.ts sends: no Scan, no batch, no table management.
    expect([...dynamoActions].sort()).toEqual([...TABLE_ACTIONS].sort());

    // The 账号 view's Cognito calls: exactly api/accounts/cognito-people.ts's list, on this pool only.
    const cognito = statements.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith("cognito-idp:")));
    expect(cognito).toHaveLength(1);
    expect([...asArray<string>(cognito[0]!.Action)].sort()).toEqual([...COGNITO_ADMIN_ACTIONS].sort());
    expect(cognito[0]!.Resource).toEqual(arnOf(id.pool));
    for (const action of COGNITO_ADMIN_ACTIONS) expect(action).toMatch(/^cognito-idp:(Admin\w+|ListUsersInGroup)$/);


    // In the export bucket: put, abort and get, on the export prefix only; no listing, no deleting, no other bucket.
    const s3 = statements.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith("s3:")));
    expect(s3).toEqual([
      { Effect: "Allow", Action: [...EXPORT_ACTIONS], Resource: { "Fn::Join": ["", [arnOf(id.exports), `/${EXPORT_PREFIX}*`]] } },
    ]);

    const logGroup = logicalId(stack.service.fn.logGroup as unknown as { node: { defaultChild?: unknown } });
    const others = statements.filter((s) => !asArray<string>(s.Action).some((a) => a.startsWith("dynamodb:") || a.startsWith("cognito-idp:") || a.startsWith("s3:")));
    for (const statement of others) {
      expect(asArray<string>(statement.Action).every((a) => a.startsWith("logs:")), JSON.stringify(statement)).toBe(true);
      expect(statement.Resource).toEqual(arnOf(logGroup));
    }
  });

  it("serves the add-in from a private bucket that only this distribution may read, through origin access control", () => {
    const bucket = resources[id.bucket]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.AccessControl).toBeUndefined();

    const policies = ofType("AWS::S3::BucketPolicy").filter(([, r]) => r.Properties.Bucket?.Ref === id.bucket);
    expect(policies).toHaveLength(1);
    const allows: Json[] = asArray(policies[0]![1].Properties.PolicyDocument.Statement).filter((s: Json) => s.Effect === "Allow");
    const distributionArn = {
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":cloudfront::", { Ref: "AWS::AccountId" }, ":distribution/", ref(id.cdn)]],
    };
    let cloudfrontReads = 0;
    for (const statement of allows) {
      const where = JSON.stringify(statement);
      expect(statement.Principal, where).not.toBe("*");
      expect(asArray(statement.Principal?.AWS), where).not.toContain("*");
      if (statement.Principal?.Service) {
        expect(statement.Principal, where).toEqual({ Service: "cloudfront.amazonaws.com" });
        expect(statement.Condition, where).toEqual({ StringEquals: { "AWS:SourceArn": distributionArn } });
        expect(asArray(statement.Action), where).toEqual(["s3:GetObject"]);
        cloudfrontReads++;
      } else {
        // The only other reader is the role of CDK's auto-delete handler, which empties the bucket on teardown.
        const roleId = statement.Principal.AWS["Fn::GetAtt"]?.[0];
        expect(roleId, where).toMatch(/^CustomS3AutoDeleteObjectsCustomResourceProviderRole/);
        expect(asArray(statement.Action), where).not.toContain("s3:GetObject");
      }
    }
    expect(cloudfrontReads).toBe(1);

    const [oac, ...moreOac] = ofType("AWS::CloudFront::OriginAccessControl");
    expect(moreOac).toEqual([]);
    expect(oac![1].Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: "s3", SigningBehavior: "always", SigningProtocol: "sigv4" });
    expect(ofType("AWS::CloudFront::CloudFrontOriginAccessIdentity")).toEqual([]);
    const cdn = resources[id.cdn]!.Properties.DistributionConfig;
    expect(cdn.Origins).toHaveLength(1);
    expect(cdn.Origins[0]).toMatchObject({
      DomainName: { "Fn::GetAtt": [id.bucket, "RegionalDomainName"] },
      OriginAccessControlId: { "Fn::GetAtt": [oac![0], "Id"] },
      S3OriginConfig: { OriginAccessIdentity: "" },
    });
    expect(cdn.DefaultRootObject).toBe(PANE_PAGE);
    expect(cdn.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");

    // The built pane is uploaded to this bucket and the distribution's cache cleared on every deploy.
    const [upload, ...moreUploads] = ofType("Custom::CDKBucketDeployment");
    expect(moreUploads).toEqual([]);
    expect(upload![1].Properties).toMatchObject({ DestinationBucketName: ref(id.bucket), DistributionId: ref(id.cdn), DistributionPaths: ["/*"] });
  });

  it("keeps the exports in a private, encrypted, TLS-only bucket whose files expire after a day", () => {
    const bucket = resources[id.exports]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] });
    expect(bucket.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.CorsConfiguration).toBeUndefined();
    // Exports are deleted a day after they are written, and an upload that died leaves no parts behind.
    expect(bucket.LifecycleConfiguration.Rules).toEqual([
      { Id: "exports-expire", Prefix: EXPORT_PREFIX, Status: "Enabled", ExpirationInDays: EXPORT_KEEP_DAYS, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
    ]);

    const [policy, ...more] = ofType("AWS::S3::BucketPolicy").filter(([, r]) => r.Properties.Bucket?.Ref === id.exports);
    expect(more).toEqual([]);
    const statements: Json[] = asArray(policy![1].Properties.PolicyDocument.Statement);
    // Plain HTTP is refused for everyone, and no one outside the account is let in by the bucket policy.
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    for (const allow of statements.filter((s) => s.Effect === "Allow")) {
      expect(allow.Principal.AWS["Fn::GetAtt"]?.[0], JSON.stringify(allow)).toMatch(/^CustomS3AutoDeleteObjectsCustomResourceProviderRole/);
      expect(asArray(allow.Action)).not.toContain("s3:GetObject");
    }
    // Only the API's role gets a grant on it, and only on the prefix (the previous test shows which actions).
    const grants = [...ofType("AWS::IAM::Policy"), ...ofType("AWS::IAM::ManagedPolicy")].filter(([, r]) => JSON.stringify(r.Properties.PolicyDocument).includes(id.exports));
    expect(grants.map(([, r]) => r.Properties.Roles)).toEqual([[ref(id.role)]]);
    expect(outputs.ExportBucket!.Value).toEqual(ref(id.exports));
  });

  it("raises an alarm to the topic on function errors, API 5xx answers and DynamoDB throttling", () => {
    const alarms = ofType("AWS::CloudWatch::Alarm").map(([, r]) => r.Properties);
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([ref(id.topic)]);
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold", EvaluationPeriods: 1 });
    }
    expect(alarms).toContainEqual(
      expect.objectContaining({ Namespace: "AWS/Lambda", MetricName: "Errors", Statistic: "Sum", Dimensions: [{ Name: "FunctionName", Value: ref(id.fn) }] }),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({ Namespace: "AWS/ApiGateway", MetricName: "5xx", Statistic: "Sum", Dimensions: [{ Name: "ApiId", Value: ref(id.api) }] }),
    );
    const throttles = alarms.find((a) => a.Metrics)!;
    const stats: Json[] = throttles.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => m.MetricStat.Metric);
    expect(stats.length).toBeGreaterThan(0);
    const operations = new Set<string>();
    for (const metric of stats) {
      expect(metric).toMatchObject({ Namespace: "AWS/DynamoDB", MetricName: "ThrottledRequests" });
      expect(metric.Dimensions).toContainEqual({ Name: "TableName", Value: ref(id.table) });
      operations.add(metric.Dimensions.find((d: Json) => d.Name === "Operation").Value);
    }
    // A sync is one TransactWriteItems; a read is a GetItem or a Query.
    for (const operation of ["TransactWriteItems", "GetItem", "Query"]) expect(operations).toContain(operation);
    expect(throttles.Metrics.filter((m: Json) => m.ReturnData !== false)).toHaveLength(1);
  });

  it("outputs the API URL for the pane and the add-in URL for the manifest", () => {
    expect(outputs.ApiUrl!.Value).toEqual({
      "Fn::Join": ["", ["https://", ref(id.api), ".execute-api.", { Ref: "AWS::Region" }, ".", { Ref: "AWS::URLSuffix" }, "/"]],
    });
    expect(outputs.AddinUrl!.Value).toEqual({ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [id.cdn, "DomainName"] }]] });
    // What the README's user commands need.
    expect(outputs.UserPoolId!.Value).toEqual(ref(id.pool));
    expect(outputs.UserPoolClientId!.Value).toEqual(ref(id.client));
    expect(outputs.TableName!.Value).toEqual(ref(id.table));
  });

  it("without a built add-in, creates an empty site and says to build it, instead of failing", () => {
    const bare = new Stack(new App({ outdir: join(scratch, "bare.out") }), "Bare");
    const site = new AddinSite(bare, "Addin", { addinDir: join(scratch, "not-built") });
    expect(site.deployment).toBeUndefined();
    const warnings = site.node.metadata.filter((m) => m.type === "aws:cdk:warning").map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining("npm run build:addin")]);
  });
});

describe("AwsSolutions checks", () => {
  /** Every acknowledgement in the app: where it was made, which finding, and the reason written for it. */
  const acknowledgements = () =>
    app.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>))
        .map(([rule, reason]) => ({ path: construct.node.path, rule: rule.replace(/^annotation::/i, ""), reason })),
    );

  it("ran inside the synth and left no finding unacknowledged (an error or a warning would have failed it)", () => {
    expect(nagReports).toHaveLength(1);
    const [report] = nagReports;
    const open = report!.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId).join(", ")}`);
    expect(open).toEqual([]);
    expect(report!.success).toBe(true);
    const written = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8"));
    expect(written.pluginReports.filter((r: Json) => r.conclusion !== "success")).toEqual([]);
  });

  it("gives every acknowledgement a written reason, on the resource it is about, and none is stale", () => {
    const acks = acknowledgements();
    for (const ack of acks) {
      expect(ack.rule, ack.path).toMatch(/^AwsSolutions-/);
      expect(ack.reason.trim().length, `${ack.rule} at ${ack.path}`).toBeGreaterThanOrEqual(40);
      // Never a blanket acknowledgement on the app or the stack.
      expect(ack.path.split("/").length, `${ack.rule} at ${ack.path}`).toBeGreaterThan(1);
    }

    // The same checks with every acknowledgement ignored: what the code would be flagged for.
    const raw = new AwsSolutionsChecks();
    (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const findings = raw.validateScope(app).violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath! })));
    for (const ack of acks) {
      const silenced = findings.filter((f) => f.rule === ack.rule && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
      expect(silenced, `${ack.rule} at ${ack.path} acknowledges nothing`).not.toEqual([]);
    }

    // The list the README's deployers read about; a new acknowledgement is a decision, so it shows up here.
    expect([...new Set(acks.map((a) => a.rule))].sort()).toEqual([
      "AwsSolutions-CFR1",
      "AwsSolutions-CFR2",
      "AwsSolutions-CFR3",
      "AwsSolutions-CFR4",
      "AwsSolutions-COG2",
      "AwsSolutions-COG8",
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      "AwsSolutions-IAM5[Action::s3:Abort*]",
      "AwsSolutions-IAM5[Action::s3:DeleteObject*]",
      "AwsSolutions-IAM5[Action::s3:GetBucket*]",
      "AwsSolutions-IAM5[Action::s3:GetObject*]",
      "AwsSolutions-IAM5[Action::s3:List*]",
      "AwsSolutions-IAM5[Resource::*]",
      `AwsSolutions-IAM5[Resource::<${id.bucket}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::<${id.exports}.Arn>/${EXPORT_PREFIX}*]`,
      "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
      "AwsSolutions-L1",
      "AwsSolutions-S1",
    ]);
    // The API's own function, role, table and HTTP API carry none.
    for (const own of [stack.service, stack.ledgers]) expect(acks.filter((a) => a.path.startsWith(own.node.path))).toEqual([]);
  });
});

describe("api/lambda.ts with the environment the stack gives the function", () => {
  // What the Refs in the function's environment become once deployed (shapes as AWS makes them).
  const deployed: Record<string, string> = {
    "AWS::DynamoDB::Table": "Taizhang-LedgersTableBCDCE584-1A2B3C4D5E6F",
    "AWS::Cognito::UserPool": "us-east-1_TzTest001",
    "AWS::Cognito::UserPoolClient": "4tzclient0test0pane0id0000",
    "AWS::CloudFront::Distribution": "d111111abcdef8.cloudfront.net",
    "AWS::S3::Bucket": "taizhang-exportsfiles165d4f61-abcdef123456",
  };
  const resolve = (value: Json): string => {
    if (typeof value === "string") return value;
    if (value.Ref) return deployed[resources[value.Ref]!.Type] ?? expect.unreachable(`no deployed value for ${JSON.stringify(value)}`);
    if (value["Fn::GetAtt"]) return deployed[resources[value["Fn::GetAtt"][0]]!.Type] ?? expect.unreachable(JSON.stringify(value));
    if (value["Fn::Join"]) return value["Fn::Join"][1].map(resolve).join(value["Fn::Join"][0]);
    return expect.unreachable(`unexpected intrinsic ${JSON.stringify(value)}`);
  };

  let env: Record<string, string>;
  let handler: (event: Json, context: Json) => Promise<{ statusCode: number; body: string }>;
  let signingKey: CryptoKey;
  const verifiersCreated: Json[] = [];
  const tableCalls: { command: string; table: string }[] = [];
  const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${deployed["AWS::Cognito::UserPool"]}`;

  beforeAll(async () => {
    env = Object.fromEntries(Object.entries(resources[id.fn]!.Properties.Environment.Variables as Record<string, Json>).map(([k, v]) => [k, resolve(v)]));
    // Set by the Lambda runtime itself; NODE_OPTIONS only matters to the runtime's node.
    for (const [name, value] of Object.entries({ ...env, AWS_REGION: "us-east-1" })) if (name !== "NODE_OPTIONS") vi.stubEnv(name, value);

    // Cognito's signing key, played by ours: the verifier is handed its JWKS instead of fetching it.
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    signingKey = privateKey;
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" }] };
    const create = CognitoJwtVerifier.create.bind(CognitoJwtVerifier) as (props: Json) => Json;
    vi.spyOn(CognitoJwtVerifier, "create").mockImplementation(((props: Json) => {
      verifiersCreated.push(props);
      const verifier = create(props);
      verifier.cacheJwks(jwks);
      return verifier;
    }) as never);
    // DynamoDB, played by a client that records which table each call names and finds nothing.
    vi.spyOn(DynamoDBDocumentClient.prototype, "send").mockImplementation((async (command: { input: Json; constructor: { name: string } }) => {
      tableCalls.push({ command: command.constructor.name, table: command.input.TableName });
      return { Items: [], Count: 0 };
    }) as never);

    ({ handler } = await import("../../api/lambda"));
  }, 30_000);

  const request = async (path: string, token?: string) => {
    const event = {
      version: "2.0",
      routeKey: "GET /{proxy+}",
      rawPath: path,
      rawQueryString: "",
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), origin: env.ADDIN_ORIGIN },
      requestContext: {
        http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "Excel" },
        requestId: "test",
        routeKey: "GET /{proxy+}",
        stage: "$default",
        domainName: "abc123.execute-api.us-east-1.amazonaws.com",
        apiId: "abc123",
        accountId: "123456789012",
        time: "23/Nov/2026:02:00:00 +0000",
        timeEpoch: 0,
      },
      isBase64Encoded: false,
    };
    return handler(event, {});
  };
  const idToken = ({ exp, ...claims }: Record<string, unknown> = {}, audience = env.COGNITO_CLIENT_ID!) =>
    new SignJWT({ token_use: "id", "cognito:groups": ["clerk"], "custom:unit": "区党政办", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject("5f1c-clerk")
      .setIssuedAt()
      .setExpirationTime((exp as number | undefined) ?? "1h")
      .sign(signingKey);

  it("verifies the pool's ID tokens in the app and reads the table the stack named", async () => {
    const reply = await request("/plans", await idToken());
    expect(reply.statusCode, reply.body).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ plans: [] });
    expect(verifiersCreated).toEqual([{ userPoolId: env.COGNITO_USER_POOL_ID, clientId: env.COGNITO_CLIENT_ID, tokenUse: "id" }]);
    expect(tableCalls.length).toBeGreaterThan(0);
    for (const call of tableCalls) expect(call.table).toBe(deployed["AWS::DynamoDB::Table"]);
  });

  it("refuses what the authorizer would also refuse, should a request reach the function some other way", async () => {
    const before = tableCalls.length;
    const refused = [
      await request("/plans"),
      await request("/plans", await signLocalToken(new Uint8Array(32).fill(7), { sub: "admin-local", role: "admin" })), // a local-stack token
      await request("/plans", await idToken({}, "some-other-client")),
      await request("/plans", await idToken({ token_use: "access" })),
      await request("/plans", await idToken({ exp: Math.floor(Date.now() / 1000) - 60 })),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expect(tableCalls.length).toBe(before);
  });
});

describe("npm run manifest", () => {
  const local = readFileSync(join(root, "manifest.xml"), "utf8");
  const origin = "https://d111111abcdef8.cloudfront.net";
  const quiet = () => vi.spyOn(process.stdout, "write").mockImplementation(() => true);

  it("points every local address at the deployed add-in and leaves every other byte alone", () => {
    const prod = productionManifest(local, origin);
    const localCount = local.split(LOCAL_ORIGIN).length - 1;
    expect(localCount).toBeGreaterThan(5);
    expect(prod).not.toContain("localhost");
    expect(prod.split(origin).length - 1).toBe(localCount);
    expect(prod.split(origin).join(LOCAL_ORIGIN)).toBe(local);
  });

  it("writes a manifest Office reads, with the pane on the deployed origin", async () => {
    const out = join(scratch, "manifest", "manifest.xml");
    const print = quiet();
    expect(await runManifest(["--url", `${origin}/`, "--out", out])).toBe(0);
    print.mockRestore();
    const info = await OfficeAddinManifest.readManifestFile(out);
    expect(info.defaultSettings?.sourceLocation).toBe(`${origin}/${PANE_PAGE}`);
    expect(info.appDomains).toEqual([origin]);
    expect(readFileSync(out, "utf8")).toBe(productionManifest(local, origin));
  });

  it("refuses an address that is not the add-in's https root, in Chinese, writing nothing", async () => {
    const out = join(scratch, "refused", "manifest.xml");
    for (const url of [`http://d111111abcdef8.cloudfront.net`, `${origin}/${PANE_PAGE}`, `${origin}/?v=2`, "d111111abcdef8.cloudfront.net"]) {
      const attempt = runManifest(["--url", url, "--out", out]);
      await expect(attempt, url).rejects.toBeInstanceOf(UsageError);
      await expect(attempt, url).rejects.toThrow(/[\u4e00-\u9fff]/);
    }
    await expect(runManifest(["--out", out])).rejects.toThrow(/--url/);
    expect(existsSync(out)).toBe(false);
  });
});

// The README's commands and package.json's deploy and destroy scripts name the stack.
it("is the stack `npm run deploy` and `npm run destroy` name", () => {
  expect(stack.stackName).toBe(STACK_NAME);
  const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
  expect(scripts.deploy).toContain(`cdk deploy ${STACK_NAME} `);
  expect(scripts.destroy).toContain(`cdk destroy ${STACK_NAME} `);
});
