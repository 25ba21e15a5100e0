import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { startLocalApi, type LocalApi } from "../../api/local/api-server";
import { freePort } from "../../api/local/dynamo-local";
import { ledgerFor } from "../../core/ledger/ledger-for";

const dataDir = mkdtempSync(join(tmpdir(), "taizhang-cli-"));
// Asynchronous on purpose: the API the CLI calls runs in this process, and a spawnSync would block it.
const cli = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = execFile(process.execPath, ["--import", "tsx", "api/cli/main.ts", ...args], { encoding: "utf8" }, (_error, stdout, stderr) =>
      done({ status: child.exitCode, stdout, stderr }),
    );
  });
let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi({ port: await freePort(), dynamoEndpoint: inject("dynamoEndpoint"), dataDir, table: `cli-${Date.now()}` });
});
afterAll(() => api.close());

describe("token and consolidate against a running local API", () => {
  it("issues tokens the API accepts, and refuses a clerk token without a unit", async () => {
    const clerk = await cli("token", "--role", "clerk", "--unit", "区党政办", "--data-dir", dataDir);
    expect(clerk.status).toBe(0);
    const plans = await fetch(`${api.url}/plans`, { headers: { authorization: `Bearer ${clerk.stdout.trim()}` } });
    expect(plans.status).toBe(200);
    const bad = await cli("token", "--role", "clerk", "--data-dir", dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--unit");
  });

  it("names one person in every token: --user, or a name of its own", async () => {
    const sub = (token: string) => JSON.parse(Buffer.from(token.trim().split(".")[1]!, "base64url").toString()).sub as string;
    const named = await cli("token", "--role", "clerk", "--unit", "区党政办", "--user", "张敏", "--data-dir", dataDir);
    expect(sub(named.stdout)).toBe("张敏");
    expect(named.stderr).toContain("令牌属于「张敏」");
    const [a, b] = await Promise.all([1, 2].map(() => cli("token", "--role", "clerk", "--unit", "区党政办", "--data-dir", dataDir)));
    expect(sub(a!.stdout)).toMatch(/^clerk-区党政办-[0-9a-f]{6}$/);
    expect(sub(a!.stdout)).not.toBe(sub(b!.stdout));
  });

  it("writes the consolidated workbook of a plan", async () => {
    const plan = (await api.repository.getPlan("zhuhai-gxq-2022"))!;
    const rows = ledgerFor(plan, "区综治局").map((r) => ({ ...r, office: "综合科", leader: "李四" }));
    const outcome = await api.repository.syncLedger({ planId: plan.id, unit: "区综治局", baseVersion: 0, rows, findings: [], by: "test", at: new Date().toISOString(), planVersion: plan.version });
    expect(outcome.kind).toBe("accepted");
    const out = join(dataDir, "merged.xlsx");
    const result = await cli("consolidate", "--plan", plan.id, "--out", out, "--api", api.url, "--data-dir", dataDir);
    expect(result.stderr).toContain("已写出");
    expect(result.status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    // Title, 截至 line and header above the rows.
    expect(book.getWorksheet("汇总台账")!.rowCount).toBe(rows.length + 3);
    expect(book.getWorksheet("汇总台账")!.getCell("A4").value).toBe("区综治局");
  });

  it("says in one line when the plan is unknown or the server is not running", async () => {
    const unknown = await cli("consolidate", "--plan", "nope", "--out", join(dataDir, "x.xlsx"), "--api", api.url, "--data-dir", dataDir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("不存在");
    const down = await cli("consolidate", "--plan", "nope", "--out", join(dataDir, "x.xlsx"), "--api", `http://127.0.0.1:${await freePort()}`, "--data-dir", dataDir);
    expect(down.status).toBe(2);
    expect(down.stderr).toContain("npm start");
  });
});
