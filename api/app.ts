// The whole API as one Hono app: the same object runs on Lambda (api/lambda.ts) and locally (api/local/).
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { LocalSignIn } from "./accounts/local-sign-in";
import type { PeopleDirectory } from "./accounts/people";
import type { AppEnv } from "./app-env";
import { requireToken } from "./auth/middleware";
import type { TokenVerifier } from "./auth/principal";
import { rememberingVerifier } from "./auth/verified-tokens";
import { IMPORT_MAX_BYTES, IMPORT_TOO_LARGE } from "../core/api/contract";
import { HttpError } from "./errors";
import type { ExportStore } from "./exports/export-store";
import type { OversightDeps } from "./oversight/deps";
import { authRoutes } from "./routes/auth";
import { contactRoutes } from "./routes/contacts";
import { documentRoutes } from "./routes/documents";
import { ledgerRoutes } from "./routes/ledger";
import { notifySettingRoutes } from "./routes/notify-settings";
import { oversightRoutes } from "./routes/oversight";
import { inlineImporter, type PlanImporter } from "./import/importer";
import { planImportRoutes } from "./routes/plan-import";
import { peopleRoutes } from "./routes/people";
import { planRoutes } from "./routes/plans";
import { reportRoutes } from "./routes/reports";
import { isUnavailable } from "./storage/dynamodb-client";
import { StorageUnavailable, type Repository } from "./storage/repository";

/** The largest body accepted: a 1,000-row ledger fits, and a sync's rows stay inside one DynamoDB transaction. */
export const MAX_BODY_BYTES = 1024 * 1024;
const IMPORT_PATH = "/plans/import";

/** A route's body limit, the same here (Lambda and local) and in the Node server that reads bodies first. */
export const bodyLimitOf = (path: string) => (path === IMPORT_PATH ? IMPORT_MAX_BYTES : MAX_BODY_BYTES);

/** The answer to a body over its route's limit, here and in the Node server that refuses it before Hono sees it. */
export const tooLarge = (path: string) =>
  new HttpError(413, "too-large", path === IMPORT_PATH ? IMPORT_TOO_LARGE : `请求内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，请分批提交或删去过长的内容。`);

export const storageDown = () =>
  new HttpError(503, "unavailable", "数据库暂时无法访问，请稍后重试（重试同步不会重复保存）；如持续出现，请联系管理员。");

/**
 * What every reply of the API says about itself, as hono/secure-headers would set them for an API (nothing to
 * frame, sniff, embed or keep in a cache), set here in one pass: hono/secure-headers rewrites the finished reply's
 * headers one by one and cost 40% more CPU per GET /plans than the bare reply (measured in plans-read.bench).
 */
const API_HEADERS: readonly [string, string][] = [
  ["Cache-Control", "no-store"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
];

/** /health asks the table at most this often: it is unauthenticated, so it must not become a way to load it. */
const HEALTH_CACHE_MS = 1_000;

export interface AppDeps {
  repository: Repository;
  verifier: TokenVerifier;
  /** Where generated files (the consolidated .xlsx) are kept and linked: S3 on AWS, a folder locally. */
  exports: ExportStore;
  /** Now, as an ISO instant; tests pin it. */
  now?: () => string;
  /** Origins allowed to call from a browser (the task pane). */
  allowedOrigins?: string[];
  /** Where plan imports run: in the request (Lambda, the default) or in a worker thread (the local server). */
  importer?: PlanImporter;
  /** The local stack's own sign-in (/auth/*); absent on AWS, where the pane signs in with Cognito. */
  signIn?: LocalSignIn;
  /** The admin's /people: the local accounts or the Cognito user pool. */
  people?: PeopleDirectory;
  /** The office's reminders, channels, ranking and documents (routes under /plans/{id}/… and /notify). */
  oversight?: OversightDeps;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const now = deps.now ?? (() => new Date().toISOString());
  const app = new Hono<AppEnv>();
  // Only a browser sends Origin, and only a browser needs CORS; a reply to anyone else is never cached
  // (no-store), so it needs no Vary: Origin either.
  const browsers = cors({ origin: deps.allowedOrigins ?? ["https://localhost:3000"], allowHeaders: ["authorization", "content-type", "idempotency-key"], allowMethods: ["GET", "PUT", "POST", "OPTIONS"] });
  app.use("*", (c, next) => (c.req.header("origin") ? browsers(c, next) : next()));
  app.use("*", async (c, next) => {
    // Set before the reply exists, so a route's c.json() is built with them in one go.
    for (const [name, value] of API_HEADERS) c.header(name, value);
    await next();
    // A route that returns its own Response (the .xlsx) did not get them.
    const headers = c.res.headers;
    if (!headers.has("x-content-type-options")) for (const [name, value] of API_HEADERS) headers.set(name, value);
  });

  let health: { at: number; ok: Promise<boolean> } | undefined;
  app.get("/health", async (c) => {
    if (!health || Date.now() - health.at > HEALTH_CACHE_MS) {
      health = { at: Date.now(), ok: deps.repository.ping().then(() => true, () => false) };
    }
    if (await health.ok) return c.json({ ok: true });
    return c.json(storageDown().body(), 503);
  });
  // Only on methods with a body: on a GET, asking for the body builds a whole WHATWG Request for nothing.
  const limits = new Map([MAX_BODY_BYTES, IMPORT_MAX_BYTES].map((maxSize) => [maxSize, bodyLimit({ maxSize, onError: (c) => { throw tooLarge(c.req.path); } })]));
  app.on(["PUT", "POST"], "*", (c, next) => limits.get(bodyLimitOf(c.req.path))!(c, next));
  if (deps.signIn) app.route("/auth", authRoutes(deps.signIn));
  // A download link is its own authority (signed, short-lived), as an S3 presigned link is; no token goes with it.
  if (deps.exports.routes) app.route("/exports", deps.exports.routes);
  app.use("*", requireToken(rememberingVerifier(deps.verifier)));
  app.route("/plans", planImportRoutes(deps.repository, deps.importer ?? inlineImporter));
  if (deps.people) app.route("/people", peopleRoutes(deps.people, deps.repository, now));
  app.route("/plans", planRoutes(deps.repository, now));
  app.route("/plans", ledgerRoutes(deps.repository, now, deps.oversight?.store));
  app.route("/plans", reportRoutes(deps.repository, deps.exports, now));
  if (deps.oversight) {
    app.route("/plans", oversightRoutes(deps.repository, deps.oversight, now));
    app.route("/plans", contactRoutes(deps.repository, deps.oversight.store));
    app.route("/plans", documentRoutes(deps.repository, deps.oversight, now));
    app.route("/notify", notifySettingRoutes(deps.oversight, now));
  }
  app.notFound((c) => c.json(new HttpError(404, "not-found", `没有这个接口：${c.req.method} ${c.req.path.slice(0, 200)}`).body(), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.body(), error.status);
    // The repository says so itself; other stores on the table (accounts) may pass the client's error through.
    if (error instanceof StorageUnavailable || isUnavailable(error)) {
      const cause = error instanceof StorageUnavailable ? error.cause : error;
      console.error(`storage unavailable: ${(cause as Error)?.name ?? String(cause)}`);
      c.header("Retry-After", "5");
      return c.json(storageDown().body(), 503);
    }
    console.error(error);
    return c.json(new HttpError(500, "internal", "服务器内部错误，请稍后重试；如持续出现，请联系管理员。").body(), 500);
  });
  return app;
}
