import type { z } from "zod";
import { describeIssues } from "../core/schema-kit";

/** An answer other than 2xx, with the body the contract's ErrorBody describes (and any extra fields). */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> & { path?: string } = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    const { path, ...rest } = this.extra;
    return { error: { code: this.code, message: this.message, ...(path ? { path } : {}) }, ...rest };
  }
}

/** A zod failure as a 400 naming the first field at fault (all of them in the message). */
export function badRequest(error: z.ZodError, what = "请求内容"): HttpError {
  const problems = describeIssues(error);
  const message = problems.map((p) => (p.path ? `${p.path}：${p.message}` : p.message)).join("；");
  return new HttpError(400, "bad-request", `${what}有误：${message}`, { path: problems[0]?.path || undefined });
}

export const notFound = (what: string) => new HttpError(404, "not-found", `${what}不存在，请核对后重试。`);
export const forbidden = (why: string) => new HttpError(403, "forbidden", why);
