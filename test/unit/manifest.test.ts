import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OfficeAddinManifest } from "office-addin-manifest";
import { describe, expect, it } from "vitest";
import { EXCEL_API_VERSION } from "../../addin/excel/requirements";

const root = fileURLToPath(new URL("../../", import.meta.url));
const manifestPath = `${root}manifest.xml`;
const text = readFileSync(manifestPath, "utf8");
const ORIGIN = "https://localhost:3000";

/** The file the local server sends for a manifest URL: vite copies addin/assets/public to the pane's root. */
const assetFor = (url: string) => `${root}addin/assets/public${url.slice(ORIGIN.length)}`;
const pngSize = (path: string) => {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

describe("manifest.xml", () => {
  it("reads as an Excel task pane add-in with a stable id, zh-CN first", async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.defaultLocale).toBe("zh-CN");
    expect(info.displayName).toBe("台账");
    expect(text).toContain('<Override Locale="en-US" Value="Taizhang Ledger" />');
    expect(info.permissions).toBe("ReadWriteDocument");
  });

  it("points at the local HTTPS server's task pane, which the build produces", async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info.defaultSettings?.sourceLocation).toBe(`${ORIGIN}/taskpane.html`);
    expect(info.appDomains).toEqual([ORIGIN]);
    expect(existsSync(`${root}addin/taskpane.html`)).toBe(true);
    const urls = [...text.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(`${ORIGIN}/`), url).toBe(true);
  });

  it("has every icon it names, as a PNG of the size it says", async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(pngSize(assetFor(info.iconUrl!))).toEqual({ width: 32, height: 32 });
    expect(pngSize(assetFor(info.highResolutionIconUrl!))).toEqual({ width: 64, height: 64 });
    const images = new Map([...text.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    const used = [...text.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"/g)].map((m) => ({ size: Number(m[1]), id: m[2]! }));
    expect(new Set(used.map((u) => u.size))).toEqual(new Set([16, 32, 80]));
    for (const { size, id } of used) {
      const url = images.get(id);
      expect(url, id).toBeDefined();
      expect(pngSize(assetFor(url!))).toEqual({ width: size, height: size });
    }
  });

  it("asks for the ExcelApi set the add-in's code declares, and puts a 台账 button on the Home tab", () => {
    expect(text).toContain(`<Set Name="ExcelApi" MinVersion="${EXCEL_API_VERSION}" />`);
    expect(text).toMatch(/<OfficeTab id="TabHome">\s*<Group id="Taizhang.Group">/);
    expect(text).toMatch(/<Action xsi:type="ShowTaskpane">/);
    const resids = [...text.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!);
    for (const id of resids) expect(text, id).toMatch(new RegExp(`id="${id.replace(".", "\\.")}"`));
  });
});
