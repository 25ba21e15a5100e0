// Headless Debian Chromium through playwright-core, with Office.js replaced by the workbook double.
import { build } from "esbuild";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";

export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let doubleScript: Promise<string> | undefined;

/** The workbook double as one script, built from test/e2e/workbook-double with esbuild. */
export function workbookDoubleScript(): Promise<string> {
  doubleScript ??= build({
    entryPoints: [join(import.meta.dirname, "workbook-double", "office.ts")],
    bundle: true,
    format: "iife",
    target: "chrome120",
    write: false,
  }).then((result) => result.outputFiles[0]!.text);
  return doubleScript;
}

export interface Browser {
  /**
   * The pane in a fresh Excel workbook on a computer of its own: its own double, and its own add-in storage
   * (a browser context each), so one person's saved sign-in is not another's.
   */
  openPane(url: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  const script = await workbookDoubleScript();
  return {
    async openPane(url) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: "zh-CN" });
      const page = await context.newPage();
      await page.route(OFFICE_JS_URL, (route) =>
        route.fulfill({ status: 200, contentType: "application/javascript", body: script }),
      );
      // Nothing but the local pane and API: a test must not depend on the internet.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) =>
        route.request().url() === OFFICE_JS_URL ? route.fallback() : route.abort(),
      );
      page.on("pageerror", (error) => console.error(`[pane] ${error.message}`));
      await page.goto(url);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}
