// /auth/*: the local stack's own sign-in (on AWS the pane talks to the Cognito user pool instead). These routes
// come before the token check: they are how a person gets a token.
import { Hono } from "hono";
import { LoginRequest, NewPasswordRequest, RefreshRequest, type LoginReply, type SessionTokens } from "../../core/accounts/contract";
import type { LocalSignIn } from "../accounts/local-sign-in";
import { readBody } from "./body";

export function authRoutes(signIn: LocalSignIn) {
  const app = new Hono();
  // Tokens are never cached by a browser or a proxy on the way.
  app.use("*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  });

  app.post("/login", async (c) => {
    const { username, password } = await readBody(c, LoginRequest);
    return c.json((await signIn.login(username, password)) satisfies LoginReply);
  });

  app.post("/password", async (c) => {
    const { username, challenge, newPassword } = await readBody(c, NewPasswordRequest);
    return c.json({ status: "signed-in", session: await signIn.completeNewPassword(username, challenge, newPassword) } satisfies LoginReply);
  });

  app.post("/refresh", async (c) => {
    const { refreshToken } = await readBody(c, RefreshRequest);
    return c.json((await signIn.refresh(refreshToken)) satisfies SessionTokens);
  });

  app.post("/logout", async (c) => {
    const { refreshToken } = await readBody(c, RefreshRequest);
    await signIn.logout(refreshToken);
    return c.body(null, 204);
  });

  return app;
}
