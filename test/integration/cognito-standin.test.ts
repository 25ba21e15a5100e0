// The Cognito path without AWS: cognito-local (npm) as a stand-in user pool on loopback. The pane's own sign-in
// code (addin/session/cognito-provider.ts) signs in for the first time with a temporary password, sets a new one,
// renews and signs out; the API's admin code (api/accounts/cognito-people.ts) creates the account.
//
// What the stand-in cannot show, so this test does not claim it: that the real pool's password policy, lockout
// ("Password attempts exceeded"), preventUserExistenceErrors and token lifetimes behave as configured; that a
// temporary password is checked (cognito-local skips the check for FORCE_CHANGE_PASSWORD users); the standard
// `name` claim in ID tokens (cognito-local puts only custom attributes there); AdminUserGlobalSignOut (which the
// admin's move, disable and reset call; cognito-local does not implement it); the JWT authorizer and the IAM
// policy; mail for 忘记密码; a refresh token handed out right after the new password (cognito-local does not keep
// it, so the renewal below uses the next sign-in's). Those need a real AWS account (see the README).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CognitoPeople } from "../../api/accounts/cognito-people";
import { temporaryPassword } from "../../api/accounts/passwords";
import { freePort, stopChild } from "../../api/local/dynamo-local";
import { cognitoProvider } from "../../addin/session/cognito-provider";
import { SignInError, type Tokens } from "../../addin/session/provider";
import { TokenClaims } from "../../core/api/contract";

let standIn: ChildProcess;
let endpoint: string;
let clientId: string;
let people: CognitoPeople;

async function waitForPort(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (standIn.exitCode !== null) throw new Error(`cognito-local exited with ${standIn.exitCode}`);
    if (await fetch(url, { method: "POST" }).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("cognito-local did not start");
}

beforeAll(async () => {
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  // Its pools live in a .cognito folder under its working directory: a scratch one, gone with the run. Its
  // default pool signs in by e-mail; ours by user name (infra/constructs/user-directory.ts).
  const cwd = mkdtempSync(join(tmpdir(), "taizhang-cognito-"));
  mkdirSync(join(cwd, ".cognito"));
  writeFileSync(join(cwd, ".cognito", "config.json"), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  standIn = spawn(process.execPath, [resolve("node_modules/cognito-local/lib/bin/start.js")], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: "ignore",
  });
  await waitForPort(endpoint);

  const admin = new CognitoIdentityProviderClient({ region: "us-east-1", endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const pool = await admin.send(new CreateUserPoolCommand({ PoolName: "taizhang" }));
  const UserPoolId = pool.UserPool!.Id!;
  const client = await admin.send(
    new CreateUserPoolClientCommand({ UserPoolId, ClientName: "pane", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
  );
  clientId = client.UserPoolClient!.ClientId!;
  for (const GroupName of ["clerk", "office", "admin"]) await admin.send(new CreateGroupCommand({ UserPoolId, GroupName }));
  people = new CognitoPeople(admin, UserPoolId);
}, 60_000);

afterAll(async () => {
  if (standIn) await stopChild(standIn);
});

describe("the pane's Cognito sign-in against a stand-in user pool", () => {
  const pane = () => cognitoProvider({ region: "us-east-1", clientId, endpoint });
  const temporary = temporaryPassword();
  let tokens: Tokens;

  it("the admin's code creates a clerk in the clerk group with the unit, on a temporary password", async () => {
    const [created] = await people.create([{ username: "zhang.dzb", name: "张三", role: "clerk", unit: "区党政办", password: temporary, generated: true }]);
    expect(created).toMatchObject({ username: "zhang.dzb", role: "clerk", unit: "区党政办", enabled: true, mustChangePassword: true });
    expect((await people.list()).map((p) => p.username)).toEqual(["zhang.dzb"]);
    await expect(people.create([{ username: "zhang.dzb", name: "张三", role: "clerk", unit: "区党政办", password: temporary, generated: true }])).rejects.toThrow(/taken/);
  });

  it("first sign-in: the temporary password leads to a new password, then tokens the API reads as this clerk", async () => {
    const step = await pane().signIn("zhang.dzb", temporary);
    expect(step.kind).toBe("new-password");
    if (step.kind !== "new-password") return;
    await expect(pane().completeNewPassword("zhang.dzb", step.challenge, "short")).rejects.toThrow(/至少 10 位/);
    const first = await pane().completeNewPassword("zhang.dzb", step.challenge, "Zhangsan-2026");
    const claims = TokenClaims.parse(decodeJwt(first.bearer));
    expect(claims).toMatchObject({ role: "clerk", unit: "区党政办", name: "zhang.dzb" });
    expect(decodeJwt(first.bearer).token_use).toBe("id");
    expect(first.refreshToken).toBeTruthy();
    expect(first.expiresAt).toBeGreaterThan(Date.now());
    // From now on the chosen password signs straight in.
    const again = await pane().signIn("zhang.dzb", "Zhangsan-2026");
    if (again.kind !== "signed-in") throw new Error(again.kind);
    tokens = again.tokens;
    expect((await people.get("zhang.dzb"))?.mustChangePassword).toBe(false);
  });

  it("a wrong password is refused in Chinese", async () => {
    const error = await pane().signIn("zhang.dzb", "Wrong-pass-2026").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).kind).toBe("wrong");
    expect((error as SignInError).message).toBe("用户名或密码不正确。");
  });

  it("renews with the refresh token: a new ID token, the same refresh token", async () => {
    await new Promise((r) => setTimeout(r, 1100)); // a new iat, so the renewed token differs
    const renewed = await pane().refresh("zhang.dzb", tokens.refreshToken);
    expect(renewed.bearer).not.toBe(tokens.bearer);
    expect(renewed.refreshToken).toBe(tokens.refreshToken);
    expect(TokenClaims.parse(decodeJwt(renewed.bearer))).toMatchObject({ role: "clerk", unit: "区党政办" });
  });

  it("退出登录 revokes the refresh token: the next renewal ends the session", async () => {
    await pane().signOut(tokens.refreshToken);
    const error = await pane().refresh("zhang.dzb", tokens.refreshToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).kind).toBe("ended");
    expect((error as SignInError).message).toContain("重新登录");
  });
});
