// What every end-to-end scenario does with a pane: open it in a workbook of its own, sign in as a person,
// type into the drawn sheet, read cells back, count context.sync() calls, and leave screenshots.
// Scenarios import these instead of writing their own, so a change in how people sign in is made once.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import type { Browser } from "./browser";
import type { E2ePerson } from "./global-setup";
import type { WorkbookDoubleHook } from "./workbook-double/office";

declare global {
  interface Window {
    __workbookDouble: WorkbookDoubleHook;
  }
}

export const e2e = inject("e2e");
export const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

export async function openPane(browser: Browser): Promise<Page> {
  const page = await browser.openPane(e2e.paneUrl);
  page.setDefaultTimeout(15_000);
  return page;
}

export function shot(page: Page, name: string): Promise<Buffer> {
  // Transitions finished, so a button is drawn as it is and not halfway between enabled and disabled.
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** 登录 as one of the run's people with their user name and password; waits until the pane names them. */
export async function signIn(page: Page, person: E2ePerson, screenshot?: string): Promise<void> {
  await page.getByLabel("用户名").fill(person.username);
  await page.getByLabel(/^密码/).fill(person.password);
  if (screenshot) await shot(page, screenshot);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByText(person.identity, { exact: true }).waitFor();
}

/**
 * Holds every PUT of the plan's ledgers until the returned release() is called (then stops holding): the local API
 * answers faster than a person can look, and a test wants to see the progress of a 报送.
 */
export async function holdLedgerPuts(page: Page, planId: string): Promise<() => Promise<void>> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const url = `${e2e.apiUrl}/plans/${planId}/units/**`;
  await page.route(url, async (route) => {
    if (route.request().method() === "PUT") await held;
    await route.continue();
  });
  return async () => {
    release();
    await page.unroute(url);
  };
}

export const runCount = (page: Page) => page.evaluate(() => window.__workbookDouble.runs.length);

/** Per operation, the context.sync() count of each Excel.run it made, as observed in this file's scenario. */
export const observedSyncs: Record<string, number[]> = {};

/** What `operation` cost in the workbook since `from`: the sync count of each Excel.run, none flushed implicitly. */
export async function syncsSince(page: Page, from: number, operation: string): Promise<number[]> {
  const runs = await page.evaluate((start) => window.__workbookDouble.syncsSince(start), from);
  expect(runs.filter((r) => r.trailingFlush), `${operation}: writes left for Office.js to flush`).toEqual([]);
  observedSyncs[operation] = runs.map((r) => r.syncs);
  return observedSyncs[operation];
}

export function printObservedSyncs(): void {
  const lines = Object.entries(observedSyncs).map(([op, s]) => `  ${op}: [${s.join(", ")}]`);
  if (lines.length) console.info(`context.sync() per Excel.run, by operation:\n${lines.join("\n")}`);
}

/** A person double-clicks a cell of the drawn sheet, types, and presses Enter. */
export async function typeCell(page: Page, address: string, text: string): Promise<void> {
  const cell = page.locator(`#workbook-double td[data-cell="${address}"]`);
  await cell.dblclick();
  const input = cell.locator("input");
  await input.fill(text);
  await input.press("Enter");
  // The grid redraws after the edit; the next double-click must land on the new cell, not the old input.
  await input.waitFor({ state: "detached" });
}

export const cellAt = (page: Page, address: string) => page.evaluate((a) => window.__workbookDouble.cell(a), address);
export const sheetValues = (page: Page, sheet: string) => page.evaluate((s) => window.__workbookDouble.values(s), sheet);
