// `token --role clerk --unit 区党政办`: a local token signed with the key under the data folder.
import { z } from "zod";
import { Role } from "../../core/api/contract";
import { loadOrCreateKey, signLocalToken } from "../auth/local-tokens";
import { parseCli } from "./args";

const TokenArgs = z
  .object({
    role: Role.or(z.undefined()).refine((r) => r !== undefined, { message: "请用 --role 指定身份：clerk、office 或 admin" }),
    unit: z.string().min(1).optional(),
    days: z.coerce.number().int().min(1).max(366).default(30),
    "data-dir": z.string().default(process.env.DATA_DIR ?? ".data"),
    positionals: z.array(z.string()).max(0, { message: "token 不接受多余的参数" }),
  })
  .refine((a) => a.role !== "clerk" || a.unit, { message: "单位联络员的令牌需要 --unit 指定单位", path: ["unit"] });

export async function run(argv: string[]): Promise<number> {
  const args = parseCli(argv, { role: { type: "string" }, unit: { type: "string" }, days: { type: "string" }, "data-dir": { type: "string" } }, TokenArgs);
  const key = await loadOrCreateKey(args["data-dir"]);
  process.stdout.write(`${await signLocalToken(key, { role: args.role!, ...(args.unit ? { unit: args.unit } : {}) }, args.days)}\n`);
  return 0;
}
