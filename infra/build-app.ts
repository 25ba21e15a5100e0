import { App, Validations, type AppProps } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { TaizhangStack, type TaizhangStackProps } from "./taizhang-stack";

/** The name `cdk deploy` and the README use. */
export const STACK_NAME = "Taizhang";

/**
 * The CDK app with its one stack and the AwsSolutions checks attached, so synth fails on any finding that has no
 * written acknowledgement. infra/app.ts and the tests build the very same thing.
 */
export function buildApp(appProps: AppProps = {}, stackProps: TaizhangStackProps = {}): { app: App; stack: TaizhangStack } {
  const app = new App(appProps);
  const stack = new TaizhangStack(app, STACK_NAME, stackProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
