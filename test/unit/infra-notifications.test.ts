// The reminders' part of the stack, synthesised with a mail sender (TAIZHANG_MAIL_FROM) and bundling skipped:
// the daily schedule, its role, the function's SES permission and environment, and AwsSolutions clean.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CfnElement, PolicyValidationPluginReport } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../../infra/build-app";
import { PANE_PAGE } from "../../infra/constructs/addin-site";
import type { TaizhangStack } from "../../infra/taizhang-stack";

type Json = any;
const scratch = mkdtempSync(join(tmpdir(), "taizhang-infra-notify-"));
let stack: TaizhangStack;
let resources: Record<string, { Type: string; Properties: Json }>;
let nagReports: PolicyValidationPluginReport[];
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
const statementsOf = (roleId: string): Json[] =>
  Object.values(resources)
    .filter((r) => r.Type === "AWS::IAM::Policy" && asArray(r.Properties.Roles).some((x: Json) => x?.Ref === roleId))
    .flatMap((r) => asArray(r.Properties.PolicyDocument.Statement));

beforeAll(() => {
  const addinDir = join(scratch, "addin");
  mkdirSync(addinDir);
  writeFileSync(join(addinDir, PANE_PAGE), "<!doctype html><title>台账</title>");
  const validate = vi.spyOn(AwsSolutionsChecks.prototype, "validate");
  const built = buildApp({ context: { "aws:cdk:bundling-stacks": [] }, outdir: join(scratch, "cdk.out") }, { addinDir, mailFrom: "duban@example.gov.cn" });
  built.app.synth();
  nagReports = validate.mock.results.map((r) => r.value as PolicyValidationPluginReport);
  validate.mockRestore();
  stack = built.stack;
  resources = Template.fromStack(stack).toJSON().Resources;
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the daily digest and mail on AWS", () => {
  it("invokes the API function at 8:30 Beijing time every day with the digest's payload", () => {
    const schedules = Object.values(resources).filter((r) => r.Type === "AWS::Scheduler::Schedule");
    expect(schedules).toHaveLength(1);
    const { Properties: p } = schedules[0]!;
    expect(p.ScheduleExpression).toBe("cron(30 8 * * ? *)");
    expect(p.ScheduleExpressionTimezone).toBe("Asia/Shanghai");
    expect(p.State).toBe("ENABLED");
    expect(p.Target.Arn).toEqual({ "Fn::GetAtt": [logicalId(stack.service.fn), "Arn"] });
    expect(JSON.parse(p.Target.Input)).toEqual({ taizhang: "daily-digest" });
    expect(p.Target.RoleArn).toEqual({ "Fn::GetAtt": [logicalId(stack.notifications.invokeRole), "Arn"] });
  });

  it("gives the schedule a role that only this account's schedules may take and that may only invoke the function", () => {
    const roleId = logicalId(stack.notifications.invokeRole);
    const trust = resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } } },
    ]);
    expect(statementsOf(roleId)).toEqual([{ Action: "lambda:InvokeFunction", Effect: "Allow", Resource: { "Fn::GetAtt": [logicalId(stack.service.fn), "Arn"] } }]);
  });

  it("lets the function send mail only as the configured sender, through SES", () => {
    const env = resources[logicalId(stack.service.fn)]!.Properties.Environment.Variables;
    expect(env).toMatchObject({ MAIL_TRANSPORT: "ses", MAIL_FROM: "duban@example.gov.cn" });
    const ses = statementsOf(logicalId(stack.service.fn.role!)).filter((s) => asArray<string>(s.Action).some((a) => a.startsWith("ses:")));
    expect(ses).toHaveLength(1);
    expect(ses[0].Action).toBe("ses:SendEmail");
    expect(ses[0].Condition).toEqual({ StringEquals: { "ses:FromAddress": "duban@example.gov.cn" } });
    const arns = JSON.stringify(ses[0].Resource);
    expect(arns).toContain(":identity/duban@example.gov.cn");
    expect(arns).toContain(":identity/example.gov.cn");
    expect(arns).not.toContain("*");
  });

  it("leaves AwsSolutions with no open finding", () => {
    expect(nagReports).toHaveLength(1);
    expect(nagReports[0]!.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(", ")}`)).toEqual([]);
    expect(nagReports[0]!.success).toBe(true);
  });
});
