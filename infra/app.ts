// `cdk synth|deploy` runs this (cdk.json): the stack, with the built add-in from dist/addin when there is one.
// The stack is environment-agnostic: it deploys to whichever account and region the AWS credentials select.
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { formatIssues } from "../core/schema-kit";
import { buildApp } from "./build-app";

const Env = z.object({
  TAIZHANG_ALARM_EMAIL: z.email({ message: "告警邮箱应为电子邮件地址" }).optional(),
  TAIZHANG_MAIL_FROM: z.email({ message: "提醒邮件的发件地址应为电子邮件地址" }).optional(),
});
const env = Env.safeParse(process.env);
if (!env.success) {
  process.stderr.write(`环境变量有误：${formatIssues(env.error)}\n`);
  process.exit(2);
}
const { app } = buildApp({}, { addinDir: fileURLToPath(new URL("../dist/addin", import.meta.url)), alarmEmail: env.data.TAIZHANG_ALARM_EMAIL, mailFrom: env.data.TAIZHANG_MAIL_FROM });
app.synth();
