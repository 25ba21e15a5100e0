// Idempotency-Key as the IETF draft (draft-ietf-httpapi-idempotency-key-header) describes it. A key is one
// person's (their sub is part of the record's key, so two clerks of a unit never see each other's), and it is
// bound to what it was first sent with: the route, the target and the body, as one fingerprint. The same key
// with the same fingerprint gets the first answer again without a second execution; with another fingerprint
// it is a 422 and nothing is written. Requests with one key arriving together are executed once (the record is
// written in the sync's own transaction, conditioned on being new); the others wait for it and get its answer,
// or, if it is still being written after about two seconds, a 409 saying so.
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { z } from "zod";
import type { Principal } from "../auth/principal";
import { HttpError } from "../errors";
import type { IdempotencyClaim } from "../storage/repository";

const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, { message: "Idempotency-Key 应为 8–128 位字母、数字、-、_" });

/**
 * The request's key, bound to who sends it and a fingerprint of what it asks; undefined without the header.
 * `body` is the parsed body, so two encodings of the same content (spacing, key order) are one request.
 */
export function idempotencyClaim(c: Context, principal: Principal, route: string, target: readonly string[], body: unknown): IdempotencyClaim | undefined {
  const header = c.req.header("idempotency-key");
  if (header === undefined) return undefined;
  const key = IdempotencyKey.safeParse(header);
  if (!key.success) throw new HttpError(400, "bad-request", key.error.issues[0]!.message, { path: "Idempotency-Key" });
  const fingerprint = createHash("sha256").update(JSON.stringify([route, ...target, body])).digest("base64url");
  return { sub: principal.sub, key: key.data, fingerprint };
}

export const keyReused = () =>
  new HttpError(422, "idempotency-key-reused", "这次提交的请求编号已用于另一份内容（另一个单位或另一份台账），本次未保存。请重新点“同步”。");

export const stillInProgress = () =>
  new HttpError(409, "in-progress", "同一份台账正在保存中，请等几秒后再同步。");
