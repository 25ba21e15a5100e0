// `npm run synth`: the pinned cdk CLI synthesises the stack, esbuild bundling api/lambda.ts for real, with no
// network and no AWS account, and says how long that took and what it wrote.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { STACK_NAME } from "./build-app";

const root = fileURLToPath(new URL("../", import.meta.url));
const started = performance.now();
const cdk = spawnSync(`${root}node_modules/.bin/cdk`, ["synth", "--quiet", "--no-notices", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  // Both would otherwise reach out to the internet on every run.
  env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "1", CDK_DISABLE_CLI_TELEMETRY: "1" },
});
const seconds = (performance.now() - started) / 1000;
if (cdk.status !== 0) {
  process.stderr.write(`合成失败（用时 ${seconds.toFixed(1)} s）\n`);
  process.exit(cdk.status ?? 1);
}
const templatePath = `cdk.out/${STACK_NAME}.template.json`;
const template = JSON.parse(readFileSync(`${root}${templatePath}`, "utf8")) as { Resources: Record<string, unknown> };
process.stdout.write(
  `合成完成：${templatePath}（${Object.keys(template.Resources).length} 个资源），用时 ${seconds.toFixed(1)} s（含 esbuild 打包 api/lambda.ts）\n`,
);
