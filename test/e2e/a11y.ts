// An automated accessibility check of the task pane as it stands: axe-core injected into the page, run on the
// pane (not the workbook double drawn beside it), and no serious or critical violation allowed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe on the pane (#root) and fails on any serious or critical violation, naming the rule and the elements. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ content: axeSource });
    // A button turning from disabled to enabled while axe runs was judged halfway through its colour transition
    // (white on #4487c2): judge colours as a person sees them once they have settled, so no CSS transition runs.
    await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
  }
  // A message bar fading in is half transparent: judge it once it has settled. Only animations that end are
  // waited for: a spinner's never does, and waiting on it would judge the state after.
  await page.evaluate(() =>
    Promise.all(
      document.getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ include: ["#root"] }, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} (${n.failureSummary ?? ""})`).join("; ")}`), `accessibility of ${state}`).toEqual([]);
}
