// `npm start`: the whole product on this machine: DynamoDB Local (data under .data/), the API, the task pane
// over HTTPS; Ctrl-C stops all of it.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { startAddinServer, sideloadHelp } from "../local/addin-server";
import { startLocalApi } from "../local/api-server";
import { javaProblem, startDynamoLocal } from "../local/dynamo-local";
import { parseCli, UsageError } from "./args";

const StartArgs = z.object({
  port: z.coerce.number({ error: "--port 应为端口号" }).int().min(1).max(65535).default(Number(process.env.PORT ?? 8787)),
  "addin-port": z.coerce.number({ error: "--addin-port 应为端口号" }).int().min(1).max(65535).default(3000),
  "data-dir": z.string().default(process.env.DATA_DIR ?? ".data"),
  positionals: z.array(z.string()).max(0, { message: "start 不接受多余的参数" }),
});

async function ensureAddinBuilt(root: string): Promise<void> {
  if (existsSync(join(root, "dist/addin/taskpane.html"))) return;
  process.stdout.write("首次启动：正在构建任务窗格（vite build）…\n");
  const { build } = await import("vite");
  await build({ configFile: join(root, "vite.config.ts"), logLevel: "warn" });
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCli(argv, { port: { type: "string" }, "addin-port": { type: "string" }, "data-dir": { type: "string" } }, StartArgs);
  const problem = javaProblem();
  if (problem) throw new UsageError(problem);
  const dataDir = resolve(args["data-dir"]);
  const root = resolve(".");
  await ensureAddinBuilt(root);

  const dynamo = await startDynamoLocal({ path: join(dataDir, "dynamodb") });
  const stops: (() => Promise<void>)[] = [dynamo.stop];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const addinOrigin = `https://localhost:${args["addin-port"]}`;
    const api = await startLocalApi({ port: args.port, dynamoEndpoint: dynamo.endpoint, dataDir, allowedOrigins: [addinOrigin] });
    stops.push(api.close);
    const addin = await startAddinServer({ port: args["addin-port"], dataDir });
    stops.push(addin.close);
    const lines = [
      "",
      "台账已启动：",
      `  API          ${api.url}    （数据保存在 ${join(dataDir, "dynamodb")}）`,
      `  任务窗格     ${addin.url}/taskpane.html`,
      `  已有方案     ${(await api.repository.listPlans()).map((p) => p.id).join("、")}${api.published.length ? "（本次首次载入）" : ""}`,
      "",
      "获取令牌（另开一个终端）：",
      "  npm run -s taizhang -- token --role clerk --unit 区党政办",
      "  npm run -s taizhang -- token --role office",
      "  npm run -s taizhang -- token --role admin",
      "",
      ...sideloadHelp(addin),
      "",
      "按 Ctrl-C 停止。",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } catch (error) {
    await stopAll();
    throw error;
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.stdout.write("\n正在停止…\n");
      stopAll().then(done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
