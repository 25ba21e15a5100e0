#!/usr/bin/env node
// `npm run -s taizhang -- <command> …`: one entry, one module per command, loaded only when asked for.
import { UsageError } from "./args";

type Command = { run(argv: string[]): Promise<number> };

const commands: Record<string, { load: () => Promise<Command>; help: string }> = {
  plan: { load: () => import("./plan-command"), help: "plan import FILE [--year N] [--id ID] [--out FILE]    导入方案文本" },
  ledger: { load: () => import("./ledger-command"), help: "ledger new|check …    新建或检查单位台账 (.xlsx)" },
  user: { load: () => import("./user-command"), help: "user add|list|disable|enable|reset|move …    管理本地账号（需先 npm start）" },
  token: { load: () => import("./token-command"), help: "token --role clerk|office|admin [--unit NAME] [--user NAME]    签发本地令牌（测试与脚本用，每人一个）" },
  consolidate: { load: () => import("./consolidate-command"), help: "consolidate --plan ID --out FILE.xlsx    导出汇总台账" },
  start: { load: () => import("./start-command"), help: "start    启动本地完整产品" },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const lines = Object.values(commands).map((c) => `  ${c.help}`);
    process.stderr.write(`用法：npm run -s taizhang -- <命令>\n${lines.join("\n")}\n`);
    return name ? 2 : 0;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
