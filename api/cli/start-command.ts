// `npm start`: the whole product on this machine: DynamoDB Local (data under .data/), the API, the task pane
// over HTTPS; Ctrl-C stops all of it.
import { existsSync, readdirSync, statSync } from "node:fs";
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

/** The newest modification time under the paths the task pane is built from. */
function newestSource(root: string): number {
  let newest = 0;
  for (const path of ["addin", "core", "vite.config.ts", "package-lock.json"]) {
    const full = join(root, path);
    if (!existsSync(full)) continue;
    const files = statSync(full).isDirectory() ? readdirSync(full, { recursive: true, encoding: "utf8" }).map((f) => join(full, f)) : [full];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

// Rebuilt whenever a source is newer than the build, so a pull never leaves an old pane being served.
async function ensureAddinBuilt(root: string): Promise<void> {
  const built = join(root, "dist/addin/taskpane.html");
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(root)) return;
  process.stdout.write(existsSync(built) ? "任务窗格的源代码有更新：正在重新构建（vite build）…\n" : "首次启动：正在构建任务窗格（vite build）…\n");
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
    const addin = await startAddinServer({ port: args["addin-port"], dataDir, config: { apiUrl: api.url, signIn: { mode: "local" } } });
    stops.push(addin.close);
    const lines = [
      "",
      "台账已启动：",
      `  API          ${api.url}    （数据保存在 ${join(dataDir, "dynamodb")}）`,
      `  任务窗格     ${addin.url}/taskpane.html`,
      `  已有方案     ${(await api.repository.listPlans()).map((p) => p.id).join("、")}${api.published.length ? "（本次首次载入）" : ""}`,
      "",
      ...(api.firstAdmin
        ? [`首个管理员账号：用户名 ${api.firstAdmin.username}，临时密码 ${api.firstAdmin.password}（在任务窗格中登录，首次登录须设置新密码）`]
        : []),
      "账号：管理员在任务窗格“账号”页中创建，或另开一个终端：",
      "  npm run -s taizhang -- user add --username 张三 --name 张三 --role clerk --unit 区党政办",
      "  npm run -s taizhang -- user list",
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
