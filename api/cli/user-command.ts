// `user add|list|disable|enable|reset|move`: the local stack's accounts from the command line, through the
// running API's /people routes (the same checks as the admin's 账号 view), as an admin the local key vouches for.
import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { CredentialsReply, PeopleReply, Person, type PersonInput } from "../../core/accounts/contract";
import { ROLE_LABELS, Role, personLabel } from "../../core/accounts/person";
import { loadOrCreateKey, signLocalToken } from "../auth/local-tokens";
import { parseCli, UsageError } from "./args";

const Common = {
  api: z.url({ message: "--api 应为完整网址，例如 http://localhost:8787" }).default(`http://localhost:${process.env.PORT ?? 8787}`),
  "data-dir": z.string().default(process.env.DATA_DIR ?? ".data"),
};
const commonOptions = { api: { type: "string" }, "data-dir": { type: "string" } } as const;
const username = z.string({ error: "请用 --username 指定用户名" }).min(1, { message: "请用 --username 指定用户名" });

const AddArgs = z.object({
  ...Common,
  username,
  name: z.string().optional(),
  role: z.string({ error: "请用 --role 指定身份：clerk、office 或 admin" }).pipe(Role),
  unit: z.string().optional(),
  password: z.string().optional(),
  out: z.string().regex(/\.xlsx$/i, { message: "--out 应为 .xlsx 文件" }).optional(),
  positionals: z.array(z.string()).max(0, { message: "user add 不接受多余的参数" }),
});
const OneArgs = z.object({ ...Common, username, positionals: z.array(z.string()).max(0, { message: "不接受多余的参数" }) });
const MoveArgs = OneArgs.extend({ unit: z.string({ error: "请用 --unit 指定新单位" }).min(1) });
const ListArgs = z.object({ ...Common, positionals: z.array(z.string()).max(0, { message: "user list 不接受多余的参数" }) });

const USAGE =
  "用法：npm run -s taizhang -- user add --username NAME --role clerk|office|admin [--name 姓名] [--unit UNIT] [--password P] [--out FILE.xlsx]\n" +
  "      user list | user disable --username NAME | user enable --username NAME | user reset --username NAME | user move --username NAME --unit UNIT";

async function call<S extends z.ZodType>(args: { api: string; "data-dir": string }, method: string, path: string, reply: S, body?: unknown): Promise<z.infer<S>> {
  const token = await signLocalToken(await loadOrCreateKey(args["data-dir"]), { role: "admin", sub: "cli", name: "命令行" }, "5m");
  let response: Response;
  try {
    response = await fetch(`${args.api.replace(/\/+$/, "")}/people${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new UsageError(`无法连接 ${args.api}：请先运行 npm start，或用 --api 指定服务器地址。`);
  }
  const json = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok) throw new UsageError(`服务器拒绝（${response.status}）：${json?.error?.message ?? response.statusText}`);
  return reply.parse(json);
}

const describe = (p: Person) =>
  `${p.username}\t${personLabel(p)}\t${ROLE_LABELS[p.role]}\t${!p.enabled ? "已停用" : p.lockedUntil ? "已锁定" : p.mustChangePassword ? "待改密码" : "正常"}`;

async function handOut(reply: CredentialsReply, out: string | undefined): Promise<void> {
  for (const c of reply.credentials) {
    process.stdout.write(`${c.username}\t${personLabel(c)}\t临时密码：${c.password}\n`);
  }
  process.stderr.write("首次登录须设置新密码，临时密码随即失效。\n");
  if (out) {
    await writeFile(out, Buffer.from(reply.workbook, "base64"));
    process.stderr.write(`已写出 ${out}\n`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  switch (action) {
    case "add": {
      const args = parseCli(
        rest,
        { ...commonOptions, username: { type: "string" }, name: { type: "string" }, role: { type: "string" }, unit: { type: "string" }, password: { type: "string" }, out: { type: "string" } },
        AddArgs,
      );
      const person: PersonInput = {
        username: args.username,
        name: args.name ?? args.username,
        role: args.role,
        ...(args.unit ? { unit: args.unit } : {}),
        ...(args.password ? { password: args.password } : {}),
      };
      const reply = await call(args, "POST", "", CredentialsReply, { people: [person] });
      if (args.password) process.stdout.write(`已创建 ${describe(reply.people[0]!)}（使用 --password 所给的密码）\n`);
      else await handOut(reply, args.out);
      return 0;
    }
    case "list": {
      const args = parseCli(rest, commonOptions, ListArgs);
      const { people } = await call(args, "GET", "", PeopleReply);
      process.stdout.write(people.length ? `${people.map(describe).join("\n")}\n` : "还没有账号。\n");
      return 0;
    }
    case "disable":
    case "enable": {
      const args = parseCli(rest, { ...commonOptions, username: { type: "string" } }, OneArgs);
      const person = await call(args, "PUT", `/${encodeURIComponent(args.username)}`, Person, { enabled: action === "enable" });
      process.stdout.write(`${action === "enable" ? "已启用" : "已停用"} ${describe(person)}\n`);
      return 0;
    }
    case "move": {
      const args = parseCli(rest, { ...commonOptions, username: { type: "string" }, unit: { type: "string" } }, MoveArgs);
      const person = await call(args, "PUT", `/${encodeURIComponent(args.username)}`, Person, { unit: args.unit });
      process.stdout.write(`已调整 ${describe(person)}\n`);
      return 0;
    }
    case "reset": {
      const args = parseCli(rest, { ...commonOptions, username: { type: "string" } }, OneArgs);
      await handOut(await call(args, "POST", `/${encodeURIComponent(args.username)}/reset`, CredentialsReply), undefined);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
