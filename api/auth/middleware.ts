import type { MiddlewareHandler } from "hono";
import { HttpError } from "../errors";
import type { Principal, TokenVerifier } from "./principal";

export type AuthEnv = { Variables: { principal: Principal } };

/** Every request carries a bearer token; what it proves is put on the context for the routes. */
export function requireToken(verifier: TokenVerifier): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    if (!token) throw new HttpError(401, "unauthorized", "缺少令牌：请在请求头 Authorization 中提供 Bearer 令牌。");
    let principal: Principal;
    try {
      principal = await verifier.verify(token.trim());
    } catch {
      throw new HttpError(401, "unauthorized", "令牌无效或已过期，请重新获取令牌。");
    }
    c.set("principal", principal);
    await next();
  };
}
