import { describe, expect, it } from "vitest";
import { diffPlans } from "../../core/plan/diff";
import type { Plan, Task } from "../../core/plan/schema";

function task(id: string, changes: Partial<Task> = {}): Task {
  return {
    id,
    no: id,
    section: "一、优化政务公开工作基础",
    text: `第${id}项要求`,
    lead: ["办公室", "法规信访科"],
    support: [],
    allUnits: true,
    deadline: { text: "及时更新", rules: [{ kind: "ongoing" }] },
    ...changes,
  };
}

function plan(tasks: Task[]): Plan {
  return { id: "p2022", year: 2022, title: "工作要点分工方案", units: [], tasks };
}

describe("diffPlans", () => {
  it("finds nothing between a plan and itself", () => {
    const p = plan([task("1"), task("2")]);
    expect(diffPlans(p, structuredClone(p))).toEqual({ added: [], removed: [], changed: [] });
  });

  it("lists added, removed and changed tasks in plan order, matched by id", () => {
    const before = plan([task("1"), task("2"), task("3"), task("4")]);
    const after = plan([
      task("4", { text: "改写后的要求" }),
      task("1"),
      task("5"),
      task("3", { deadline: { text: "6月底前", rules: [{ kind: "by", date: "2022-06-30" }] } }),
      task("0"),
    ]);
    const diff = diffPlans(before, after);
    expect(diff.added.map((t) => t.id)).toEqual(["5", "0"]);
    expect(diff.removed.map((t) => t.id)).toEqual(["2"]);
    expect(diff.changed.map((c) => [c.id, c.fields])).toEqual([
      ["4", ["text"]],
      ["3", ["deadline"]],
    ]);
    expect(diff.changed[1]!.before.deadline.text).toBe("及时更新");
    expect(diff.changed[1]!.after.deadline.text).toBe("6月底前");
  });

  it("names every field that changed", () => {
    const before = plan([task("9")]);
    const after = plan([
      task("9", {
        no: "9.",
        section: "二、围绕服务中心工作",
        text: "新要求",
        lead: ["区党政办"],
        support: ["计财科"],
        allUnits: false,
        deadline: { text: "年底前", rules: [{ kind: "by", date: "2022-12-31" }] },
      }),
    ]);
    expect(diffPlans(before, after).changed[0]!.fields).toEqual([
      "text",
      "deadline",
      "lead",
      "support",
      "allUnits",
      "no",
      "section",
    ]);
  });

  it("does not report units listed in another order, or a rule written with its fields in another order", () => {
    const before = plan([task("1", { deadline: { text: "每年2月底前", rules: [{ kind: "annual", month: 2, day: "last" }] } })]);
    const after = plan([
      task("1", {
        lead: ["法规信访科", "办公室"],
        deadline: { text: "每年2月底前", rules: [{ day: "last", month: 2, kind: "annual" }] },
      }),
    ]);
    expect(diffPlans(before, after).changed).toEqual([]);
  });

  it("reports a unit swapped for another even when the count stays", () => {
    const before = plan([task("1")]);
    const after = plan([task("1", { lead: ["办公室", "人事科"] })]);
    expect(diffPlans(before, after).changed[0]!.fields).toEqual(["lead"]);
  });
});
