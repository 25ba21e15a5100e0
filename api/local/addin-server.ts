// Serves the built task pane (dist/addin) over HTTPS: Office only loads add-ins from https URLs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { createServer } from "node:https";
import { join, relative, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { generate } from "selfsigned";
import type { PaneConfig } from "../../core/accounts/contract";

export interface AddinServerOptions {
  port: number;
  /** The local stack's data folder (.data); the fallback certificate lives in <dataDir>/certs. */
  dataDir: string;
  /** The built pane; dist/addin unless a test points elsewhere. */
  root?: string;
  /** Served as /config.json: where the API is and how people sign in. */
  config: PaneConfig;
}

export interface AddinServer {
  url: string;
  /** Where the certificate came from, so `npm start` can tell the user what to trust. */
  certificate: { source: "office-addin-dev-certs" | "local"; caPath: string };
  close(): Promise<void>;
}

interface KeyPair {
  key: string;
  cert: string;
  source: AddinServer["certificate"]["source"];
  caPath: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Microsoft's dev certificates when they are installed and trusted; otherwise our own under <dataDir>/certs. */
export async function httpsKeyPair(dataDir: string): Promise<KeyPair> {
  const official = await officeDevCertificates();
  return official ?? (await localCertificates(join(resolve(dataDir), "certs")));
}

async function officeDevCertificates(): Promise<KeyPair | undefined> {
  try {
    const devCerts = await import("office-addin-dev-certs");
    const { localhostCertificatePath, localhostKeyPath, caCertificatePath } = await import("office-addin-dev-certs/lib/defaults.js");
    if (!existsSync(localhostCertificatePath) || !existsSync(localhostKeyPath)) return undefined;
    // verifyCertificates also checks the CA is in the system store; that check shells out and can throw on Linux.
    if (!devCerts.verifyCertificates(localhostCertificatePath, localhostKeyPath)) return undefined;
    return {
      key: readFileSync(localhostKeyPath, "utf8"),
      cert: readFileSync(localhostCertificatePath, "utf8"),
      source: "office-addin-dev-certs",
      caPath: caCertificatePath,
    };
  } catch {
    return undefined;
  }
}

/**
 * A small CA and a localhost certificate signed by it, kept across restarts so the CA needs trusting only once
 * (office-addin-dev-certs needs sudo and a system trust store, which many Linux machines do not offer).
 */
async function localCertificates(dir: string): Promise<KeyPair> {
  const paths = { caCert: join(dir, "ca.crt"), caKey: join(dir, "ca.key"), cert: join(dir, "localhost.crt"), key: join(dir, "localhost.key") };
  if (Object.values(paths).every(existsSync) && stillValid(readFileSync(paths.cert, "utf8"))) {
    return { key: readFileSync(paths.key, "utf8"), cert: readFileSync(paths.cert, "utf8"), source: "local", caPath: paths.caCert };
  }
  mkdirSync(dir, { recursive: true });
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 365 * DAY_MS);
  const ca = await generate([{ name: "commonName", value: "Taizhang Local Development CA" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
    ],
  });
  writeFileSync(paths.caCert, ca.cert);
  writeFileSync(paths.caKey, ca.private, { mode: 0o600 });
  writeFileSync(paths.cert, leaf.cert);
  writeFileSync(paths.key, leaf.private, { mode: 0o600 });
  return { key: leaf.private, cert: leaf.cert, source: "local", caPath: paths.caCert };
}

function stillValid(pem: string): boolean {
  try {
    return Date.parse(new X509Certificate(pem).validTo) - Date.now() > 7 * DAY_MS;
  } catch {
    return false;
  }
}

/** What `npm start` prints once the pane is served: how to trust the certificate and sideload the manifest. */
export function sideloadHelp(server: Pick<AddinServer, "url" | "certificate">): string[] {
  const trust =
    server.certificate.source === "office-addin-dev-certs"
      ? ["证书：使用 office-addin-dev-certs 已安装并受信任的证书。"]
      : [
          `证书：本地证书颁发机构 ${server.certificate.caPath}（首次使用需信任一次）：`,
          "  Windows：双击该文件 → 安装证书 → 本地计算机 → 受信任的根证书颁发机构；",
          "  macOS：sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain <文件>；",
          "  Linux/Chrome：设置 → 隐私和安全 → 管理证书 → 授权机构 → 导入，勾选“信任此证书以标识网站”。",
        ];
  return [
    `任务窗格：${server.url}/taskpane.html`,
    ...trust,
    "旁加载 manifest.xml：",
    "  网页版 Excel：开始 → 加载项 → 更多加载项 → 我的加载项 → 上传我的加载项 → 选择 manifest.xml；",
    "  Windows 桌面版：把 manifest.xml 所在文件夹共享，在 信任中心 → 受信任的加载项目录 中添加该共享路径，重启 Excel 后在 我的加载项 → 共享文件夹 中添加；",
    "  Mac 桌面版：把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ 后重启 Excel。",
  ];
}

/**
 * The built pane's files and its config.json, as one origin serves them (here over HTTPS; the e2e run over plain
 * http on localhost; on AWS the bucket holds a config.json the stack wrote).
 */
export function paneApp(root: string, config: PaneConfig): Hono {
  const app = new Hono();
  // serveStatic resolves its root against the working directory, so hand it a relative one.
  const staticRoot = relative(process.cwd(), root) || ".";
  app.get("/", (c) => c.redirect("/taskpane.html"));
  app.get("/config.json", (c) => {
    c.header("cache-control", "no-store");
    return c.json(config);
  });
  app.use("/*", serveStatic({ root: staticRoot }));
  return app;
}

export async function startAddinServer(options: AddinServerOptions): Promise<AddinServer> {
  const root = resolve(options.root ?? "dist/addin");
  if (!existsSync(join(root, "taskpane.html"))) {
    throw new Error(`任务窗格尚未构建：找不到 ${join(root, "taskpane.html")}，请先运行 npm run build:addin`);
  }
  const pair = await httpsKeyPair(options.dataDir);
  const app = paneApp(root, options.config);

  return new Promise((resolveServer, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: "localhost", createServer, serverOptions: { key: pair.key, cert: pair.cert } },
      (info) => {
        resolveServer({
          url: `https://localhost:${info.port}`,
          certificate: { source: pair.source, caPath: pair.caPath },
          close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
        });
      },
    );
    server.once("error", reject);
  });
}
