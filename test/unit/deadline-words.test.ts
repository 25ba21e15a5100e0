import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deadlineText, ruleWords } from "../../core/ledger/deadline-words";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { parseDeadline } from "../../core/plan/deadline";
import { Plan, type DeadlineRule } from "../../core/plan/schema";
import { checkLedger } from "../../core/validate/validate";

const seeds = join(import.meta.dirname, "..", "..", "seeds", "plans");
const plans = readdirSync(seeds).filter((f) => f.endsWith(".json") && f !== "index.json").map((f) => Plan.parse(JSON.parse(readFileSync(join(seeds, f), "utf8"))));

describe("时限要求 from a plan's deadline rules", () => {
  it("says each kind of rule in a plan's own words", () => {
    const said: Array<[DeadlineRule, string]> = [
      [{ kind: "ongoing" }, "长期坚持"],
      [{ kind: "by", date: "2022-12-31" }, "2022年12月底前"],
      [{ kind: "by", date: "2022-06-15" }, "2022年6月15日前"],
      [{ kind: "annual", month: 1, day: 31 }, "每年1月31日前"],
      [{ kind: "annual", month: 2, day: "last" }, "每年2月底前"],
      [{ kind: "monthly", day: 25 }, "每月25日前"],
      [{ kind: "within", amount: 20, unit: "workday", after: "信息形成或者变更" }, "自信息形成或者变更之日起20个工作日内"],
      [{ kind: "within", amount: 30, unit: "day", after: "" }, "30日内"],
      [{ kind: "during", period: "疫情防控" }, "疫情防控期间"],
      [{ kind: "periodic", every: "year", times: 1 }, "每年至少1次"],
      [{ kind: "periodic", every: "quarter" }, "每季度"],
    ];
    for (const [rule, words] of said) expect(ruleWords(rule)).toBe(words);
  });

  it("reads back as the same rules, for every task of the seed plans whose deadline sits in its text", () => {
    let checked = 0;
    for (const plan of plans) {
      for (const task of plan.tasks.filter((t) => !t.deadline.text.trim() && t.deadline.rules.length > 0)) {
        const parsed = parseDeadline(deadlineText(task), { year: plan.year });
        expect(parsed.rules, `${plan.id} ${task.no}: ${deadlineText(task)}`).toEqual(task.deadline.rules);
        expect(parsed.unparsed).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("fills 时限要求 on a new 台账 of seed 000, whose deadlines sit inside the task text, and the check accepts it", () => {
    const plan = plans.find((p) => p.id === "zhuhai-gxq-2022")!;
    const rows = ledgerFor(plan, "区综治局");
    const task4 = rows.find((r) => r.no === "4")!;
    expect(task4.deadline).toBe("2022年12月底前");
    const withRules = rows.filter((r) => plan.tasks.find((t) => t.id === r.taskId)!.deadline.rules.length > 0);
    expect(withRules.length).toBeGreaterThan(0);
    expect(withRules.every((r) => r.deadline !== "")).toBe(true);
    const filled = rows.map((r) => ({ ...r, office: "综合科" }));
    const { findings } = checkLedger(plan, "区综治局", filled, { today: "2022-03-01" });
    expect(findings.filter((f) => f.column === "deadline")).toEqual([]);
  });
});
