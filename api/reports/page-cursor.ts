// The consolidated pages' cursor: where the next page starts, bound to its plan. Opaque to clients (base64url
// JSON with a checksum), checked field by field when it comes back. It is not a secret: it only moves the read
// within the plan's ledgers, which whoever holds it may read anyway, and any edit to it is refused with a 400.
import { createHash } from "node:crypto";
import { z } from "zod";
import { HttpError } from "../errors";

const CursorBody = z.strictObject({
  plan: z.string(),
  planVersion: z.number().int().positive(),
  /** The storage key the read resumes after; absent while still among the plan's first units. */
  after: z.string().startsWith("UNIT#").max(2048).optional(),
  /** Units, then rows of the next unit, already handed out past that key (see PageStart). */
  units: z.number().int().min(0).max(100_000),
  rows: z.number().int().min(0).max(100_000),
});
export type PageCursor = z.infer<typeof CursorBody>;

const checksum = (json: string) => createHash("sha256").update(json).digest("base64url").slice(0, 16);

export function writeCursor(cursor: PageCursor): string {
  const json = JSON.stringify(CursorBody.parse(cursor));
  return `${Buffer.from(json).toString("base64url")}.${checksum(json)}`;
}

const badCursor = () => new HttpError(400, "bad-request", "翻页标记（cursor）无效或已被改动，请从第一页重新汇总。", { path: "cursor" });

/** The cursor a page handed out, for this plan; a 400 naming the cursor for anything else. */
export function readCursor(text: string, planId: string): PageCursor {
  const [body = "", sum = "", ...rest] = text.split(".");
  const json = Buffer.from(body, "base64url").toString("utf8");
  if (rest.length || sum !== checksum(json)) throw badCursor();
  let parsed;
  try {
    parsed = CursorBody.safeParse(JSON.parse(json));
  } catch {
    throw badCursor();
  }
  if (!parsed.success || parsed.data.plan !== planId) throw badCursor();
  return parsed.data;
}
