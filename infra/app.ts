// `cdk synth|deploy` runs this (cdk.json): the stack, with the built add-in from dist/addin when there is one.
import { fileURLToPath } from "node:url";
import { buildApp } from "./build-app";

const addinDir = fileURLToPath(new URL("../dist/addin", import.meta.url));
const { app } = buildApp({}, {
  addinDir,
  alarmEmail: process.env.TAIZHANG_ALARM_EMAIL,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
