import { afterAll, beforeAll, test } from "vitest";
import { launchBrowser, type Browser } from "./browser";
import { e2e, openPane } from "./pane";
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });
test("debug", async () => {
  const page = await openPane(browser);
  page.on("console", (m) => console.log("console:", m.text()));
  await page.waitForTimeout(3000);
  console.log((await page.locator("#root").innerHTML()).slice(0, 2000));
});
