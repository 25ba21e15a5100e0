import type { Context } from "hono";
import type { z } from "zod";
import { badRequest, HttpError } from "../errors";

/** The JSON body checked against its schema; a bad one is a 400 naming the field, and nothing is written. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new HttpError(400, "bad-request", "请求内容不是有效的 JSON。");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

/** A query parameter checked against its schema. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw badRequest(parsed.error, "查询参数");
  return parsed.data;
}
