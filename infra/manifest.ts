// `npm run manifest -- --url https://<id>.cloudfront.net [--out dist/manifest.xml]`: the production copy of
// manifest.xml, every https://localhost:3000 address pointing at the deployed add-in instead.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { parseCli, UsageError } from "../api/cli/args";

const root = fileURLToPath(new URL("../", import.meta.url));
/** Where the sideloaded development manifest points (api/local/addin-server.ts). */
export const LOCAL_ORIGIN = "https://localhost:3000";
const EXAMPLE = "例如 https://d111111abcdef8.cloudfront.net";

const ManifestArgs = z.object({
  url: z
    .url({ protocol: /^https$/, message: `--url 应为加载项的 https 地址（部署输出 AddinUrl），${EXAMPLE}` })
    .refine((url) => {
      // zod runs this even when the address did not parse (a bare d111….cloudfront.net); the check above reports that.
      if (!URL.canParse(url)) return true;
      const parsed = new URL(url);
      return parsed.pathname === "/" && !parsed.search && !parsed.hash;
    }, `--url 只填加载项的根地址，不带路径、查询或 #，${EXAMPLE}`)
    .transform((url) => new URL(url).origin),
  out: z.string().min(1).default("dist/manifest.xml"),
  positionals: z.array(z.string()).max(0, { message: "manifest 不接受多余的参数" }),
});

/** manifest.xml with the add-in served from `origin`; the text around the addresses is kept byte for byte. */
export function productionManifest(localManifest: string, origin: string): string {
  if (!localManifest.includes(LOCAL_ORIGIN)) throw new UsageError(`manifest.xml 里没有 ${LOCAL_ORIGIN}：无从替换`);
  return localManifest.replaceAll(LOCAL_ORIGIN, origin);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCli(argv, { url: { type: "string" }, out: { type: "string" } }, ManifestArgs);
  const out = resolve(args.out);
  const xml = productionManifest(readFileSync(`${root}manifest.xml`, "utf8"), args.url);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  process.stdout.write(`已写入 ${args.out}：加载项地址 ${args.url}。在 Excel 中按“上传我的加载项”选择此文件，或交给 Microsoft 365 管理中心集中部署。\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  }
}
