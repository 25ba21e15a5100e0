// `npm start` on a fresh clone: install the locked dependencies first, and again whenever the lock file is
// newer than the last install. Plain Node, because nothing else is installed yet.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const marker = "node_modules/.package-lock.json";
const stale = !existsSync(marker) || statSync("package-lock.json").mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  console.log("正在安装依赖（npm ci）…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
