// `consolidate --plan ID --out FILE.xlsx [--api URL --token T]`: the central office's merged workbook.
import { writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { z } from "zod";
import { ExportLink } from "../../core/api/contract";
import { loadOrCreateKey, signLocalToken } from "../auth/local-tokens";
import { parseCli, UsageError } from "./args";

const ConsolidateArgs = z.object({
  plan: z.string({ error: "请用 --plan 指定方案编号" }).min(1),
  out: z.string({ error: "请用 --out 指定输出文件（.xlsx）" }).regex(/\.xlsx$/i, { message: "--out 应为 .xlsx 文件" }),
  api: z.url({ message: "--api 应为完整网址，例如 http://localhost:8787" }).default(`http://localhost:${process.env.PORT ?? 8787}`),
  token: z.string().min(1).optional(),
  "data-dir": z.string().default(process.env.DATA_DIR ?? ".data"),
  positionals: z.array(z.string()).max(0, { message: "consolidate 不接受多余的参数" }),
});

/** A GET that either answers 2xx or becomes one Chinese line saying what went wrong. */
async function download(url: string, headers: Record<string, string>, api: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch {
    throw new UsageError(`无法连接 ${api}：请先运行 npm start，或用 --api 指定服务器地址。`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new UsageError(`服务器拒绝导出（${response.status}）：${body?.error?.message ?? response.statusText}`);
  }
  return response;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCli(
    argv,
    { plan: { type: "string" }, out: { type: "string" }, api: { type: "string" }, token: { type: "string" }, "data-dir": { type: "string" } },
    ConsolidateArgs,
  );
  // Without --token, the local stack's key signs a one-day office token in the name of whoever runs this.
  const who = `office-${userInfo().username}-cli`.replace(/[^\p{L}\p{N}._-]/gu, "_");
  const token = args.token ?? (await signLocalToken(await loadOrCreateKey(args["data-dir"]), { sub: who, role: "office" }, 1));
  const api = args.api.replace(/\/+$/, "");
  // The API stores the workbook and answers with a short-lived link to it; the file comes from the link.
  const asked = await download(`${api}/plans/${encodeURIComponent(args.plan)}/consolidated?format=xlsx`, { authorization: `Bearer ${token}` }, args.api);
  const link = ExportLink.safeParse(await asked.json().catch(() => undefined));
  if (!link.success) throw new UsageError(`服务器的回答不是导出链接：请确认 ${args.api} 是台账 API，且与本命令为同一版本。`);
  const file = await download(link.data.url, {}, args.api);
  await writeFile(args.out, Buffer.from(await file.arrayBuffer()));
  process.stderr.write(`已写出 ${args.out}\n`);
  return 0;
}
