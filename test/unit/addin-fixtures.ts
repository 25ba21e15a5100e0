import type { Plan } from "../../core/plan/schema";

/** A plan whose tasks all fall to 区财政局; task 1 is numbered "1.10" and task 2 looks like a formula. */
export function planWith(taskCount: number): Plan {
  return {
    id: "demo-2025",
    year: 2025,
    title: "政务公开工作要点分工方案",
    version: 3,
    units: [{ name: "区财政局", aliases: ["财政局"] }, { name: "区教育局", aliases: [] }],
    tasks: Array.from({ length: taskCount }, (_, i) => ({
      id: String(i + 1),
      no: i === 0 ? "1.10" : String(i + 1),
      section: "一、工作要求",
      text: i === 1 ? "=HYPERLINK(\"http://evil\")公开预决算" : `第${i + 1}项：做好政务公开工作`,
      lead: ["区财政局"],
      support: [],
      allUnits: false,
      deadline: { text: "6月底前", rules: [{ kind: "by", date: "2025-06-30" }] },
    })),
  };
}
