import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PaneConfig } from "../../core/accounts/contract";
import { sideloadHelp, startAddinServer, type AddinServer } from "../../api/local/addin-server";

/** GET over HTTPS trusting only the given CA, as a browser that was told to trust it would. */
function fetchTrusting(url: string, ca: string): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((done, fail) => {
    get(url, { ca }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, body, location: res.headers.location }));
    }).on("error", fail);
  });
}

const config = { apiUrl: "http://localhost:8787", signIn: { mode: "local" as const } };

describe("the add-in's HTTPS server", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "taizhang-data-"));
  const root = mkdtempSync(join(tmpdir(), "taizhang-pane-"));
  let server: AddinServer;

  beforeAll(async () => {
    writeFileSync(join(root, "taskpane.html"), "<!doctype html><title>台账</title>");
    server = await startAddinServer({ port: 0, dataDir, root, config });
  }, 60_000);
  afterAll(() => server?.close());

  it("serves the pane over a certificate that the local CA under .data/certs vouches for", async () => {
    expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
    const ca = readFileSync(server.certificate.caPath, "utf8");
    const page = await fetchTrusting(`${server.url}/taskpane.html`, ca);
    expect(page.status).toBe(200);
    expect(page.body).toContain("台账");
  });

  it("refuses a browser that does not trust the CA", async () => {
    await expect(fetchTrusting(`${server.url}/taskpane.html`, "")).rejects.toThrow();
  });

  it("sends the bare address to the task pane", async () => {
    const ca = readFileSync(server.certificate.caPath, "utf8");
    const res = await fetchTrusting(`${server.url}/`, ca);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/taskpane.html");
  });

  it("serves the pane's configuration from its own origin, never cached", async () => {
    const ca = readFileSync(server.certificate.caPath, "utf8");
    const res = await fetchTrusting(`${server.url}/config.json`, ca);
    expect(res.status).toBe(200);
    expect(PaneConfig.parse(JSON.parse(res.body))).toEqual(config);
  });

  it("keeps the same certificate across restarts, so it needs trusting once", async () => {
    const before = readFileSync(join(dataDir, "certs", "localhost.crt"), "utf8");
    const again = await startAddinServer({ port: 0, dataDir, root, config });
    await again.close();
    expect(readFileSync(join(dataDir, "certs", "localhost.crt"), "utf8")).toBe(before);
  });

  it("tells the user which certificate to trust and where the pane is", () => {
    const help = sideloadHelp(server).join("\n");
    expect(help).toContain(`${server.url}/taskpane.html`);
    expect(help).toContain(server.certificate.caPath);
    expect(help).toContain("manifest.xml");
  });

  it("says to build first when the pane has not been built", async () => {
    await expect(startAddinServer({ port: 0, dataDir, root: join(root, "missing"), config })).rejects.toThrow(/npm run build:addin/);
  });
});
