// `npm run -s taizhang -- user …` against a running local API: accounts made, listed, disabled and reset from a
// terminal, through the same /people routes (and checks) as the admin's 账号 page.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { LoginReply } from "../../core/accounts/contract";
import { startLocalApi, type LocalApi } from "../../api/local/api-server";
import { freePort } from "../../api/local/dynamo-local";

const dataDir = mkdtempSync(join(tmpdir(), "taizhang-user-cli-"));
// Asynchronous on purpose: the API the CLI calls runs in this process, and a spawnSync would block it.
const cli = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = execFile(process.execPath, ["--import", "tsx", "api/cli/main.ts", "user", ...args, "--api", api.url, "--data-dir", dataDir], { encoding: "utf8" }, (_e, stdout, stderr) =>
      done({ status: child.exitCode, stdout, stderr }),
    );
  });
let api: LocalApi;
const login = async (username: string, password: string) =>
  fetch(`${api.url}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });

beforeAll(async () => {
  api = await startLocalApi({ port: await freePort(), dynamoEndpoint: inject("dynamoEndpoint"), dataDir, table: `users-${Date.now()}` });
});
afterAll(() => api.close());

describe("user add, list, disable, reset", () => {
  it("made the first admin on a temporary password when the table had no account", async () => {
    expect(api.firstAdmin?.username).toBe("admin");
    const reply = LoginReply.parse(await (await login("admin", api.firstAdmin!.password)).json());
    expect(reply.status).toBe("new-password");
  });

  it("adds a clerk with a printed temporary password that the first sign-in must change", async () => {
    const added = await cli("add", "--username", "zhang.dzb", "--name", "张三", "--role", "clerk", "--unit", "区党政办");
    expect(added.status, added.stderr).toBe(0);
    const password = /临时密码：(\S+)/.exec(added.stdout)?.[1];
    expect(added.stdout).toContain("张三（区党政办）");
    expect(LoginReply.parse(await (await login("zhang.dzb", password!)).json()).status).toBe("new-password");
  });

  it("adds an office account with a given password, which signs straight in", async () => {
    expect((await cli("add", "--username", "wang", "--name", "王五", "--role", "office", "--password", "Wangwu-2026-x")).status).toBe(0);
    expect(LoginReply.parse(await (await login("wang", "Wangwu-2026-x")).json()).status).toBe("signed-in");
  });

  it("lists, disables and resets", async () => {
    const list = await cli("list");
    expect(list.stdout).toMatch(/zhang\.dzb\t张三（区党政办）\t单位联络员\t待改密码/);
    expect(list.stdout).toMatch(/wang\t王五（督办汇总）\t督办汇总\t正常/);
    expect((await cli("disable", "--username", "wang")).stdout).toContain("已停用");
    expect((await login("wang", "Wangwu-2026-x")).status).toBe(403);
    await cli("enable", "--username", "wang");
    const reset = await cli("reset", "--username", "wang");
    expect(reset.stdout).toMatch(/临时密码：\S+/);
    expect((await login("wang", "Wangwu-2026-x")).status).toBe(401);
  });

  it("refuses bad input in one Chinese line, exit 2, creating nothing", async () => {
    const badRole = await cli("add", "--username", "x.y", "--role", "boss");
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toMatch(/参数有误/);
    const noUnit = await cli("add", "--username", "li.zzj", "--role", "clerk");
    expect(noUnit.status).toBe(2);
    expect(noUnit.stderr).toContain("须指定单位");
    const unknown = await cli("add", "--username", "li.zzj", "--role", "clerk", "--unit", "火星办");
    expect(unknown.stderr).toContain("不在任何已发布方案的单位名录中");
    expect((await cli("list")).stdout).not.toContain("li.zzj");
  });
});
