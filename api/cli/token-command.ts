// `token --role clerk --unit 区党政办 [--user 张三]`: a local token for one person, signed with the key under the
// data folder. Every token names its own person (sub): that is who history shows for a sync, and whose
// idempotency keys are whose. Without --user the person gets a name of their own (role, unit and a random tail),
// so two tokens issued without one are never the same person.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { Role } from "../../core/api/contract";
import { Principal } from "../auth/principal";
import { loadOrCreateKey, signLocalToken } from "../auth/local-tokens";
import { parseCli } from "./args";

const ROLE_NAMES = { clerk: "单位联络员", office: "督办汇总", admin: "管理员" } as const;

const TokenArgs = z
  .object({
    role: Role.or(z.undefined()).refine((r) => r !== undefined, { message: "请用 --role 指定身份：clerk、office 或 admin" }),
    unit: z.string().min(1).optional(),
    user: Principal.shape.sub.optional(),
    days: z.coerce.number().int().min(1).max(366).default(30),
    "data-dir": z.string().default(process.env.DATA_DIR ?? ".data"),
    positionals: z.array(z.string()).max(0, { message: "token 不接受多余的参数" }),
  })
  .refine((a) => a.role !== "clerk" || a.unit, { message: "单位联络员的令牌需要 --unit 指定单位", path: ["unit"] });

export async function run(argv: string[]): Promise<number> {
  const args = parseCli(argv, { role: { type: "string" }, unit: { type: "string" }, user: { type: "string" }, days: { type: "string" }, "data-dir": { type: "string" } }, TokenArgs);
  const role = args.role!;
  const user = args.user ?? `${role}-${args.unit ? `${args.unit}-` : ""}${randomBytes(3).toString("hex")}`;
  const key = await loadOrCreateKey(args["data-dir"]);
  process.stdout.write(`${await signLocalToken(key, { sub: user, role, ...(args.unit ? { unit: args.unit } : {}) }, args.days)}\n`);
  process.stderr.write(`令牌属于「${user}」（${ROLE_NAMES[role]}${args.unit ? ` · ${args.unit}` : ""}），${args.days} 天内有效。\n`);
  return 0;
}
