// Local accounts on DynamoDB Local, through the HTTP routes as the pane calls them: first sign-in with a
// temporary password, the lock after five wrong passwords, refresh rotation and reuse detection, sign-out,
// a clerk who cannot get another unit's token, the admin's routes, and people's names in the record.
import ExcelJS from "exceljs";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { CredentialsReply, LoginReply, PeopleReply, Person, SessionTokens } from "../../core/accounts/contract";
import { ConsolidatedPage, HistoryReply, LedgerReply, TokenClaims } from "../../core/api/contract";
import { consolidatedSheetBuilder } from "../../core/merge/sheets";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells } from "../../core/ledger/schema";
import { ledgerPath, testApi } from "./harness";

const PLAN = "zhuhai-gxq-2022";
type Api = Awaited<ReturnType<typeof testApi>>;

let api: Api;
/** The sign-in's clock (epoch ms): tests move it instead of waiting. */
let clock = Date.parse("2026-03-02T09:00:00Z");
let admin: string;

const login = (username: string, password: string, extra: Record<string, unknown> = {}) => api.call("POST", "/auth/login", undefined, { username, password, ...extra });
const refresh = (refreshToken: string) => api.call("POST", "/auth/refresh", undefined, { refreshToken });

/** Signs in with a password the person already chose; the session's tokens. */
async function session(username: string, password: string): Promise<SessionTokens> {
  const reply = LoginReply.parse((await login(username, password)).body);
  if (reply.status !== "signed-in") throw new Error(`expected a session for ${username}, got ${reply.status}`);
  return reply.session;
}

/** The .xlsx a reply hands out, as Excel would open it. */
async function openWorkbook(base64: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(Buffer.from(base64, "base64")).buffer);
  return book;
}

async function create(people: object[], by = admin) {
  return api.call("POST", "/people", by, { people });
}

beforeAll(async () => {
  api = await testApi({ clock: () => clock });
  // The first admin, as `npm start` or the CLI makes one: a chosen password, no first-sign-in step.
  await api.people.create([{ username: "zhao", name: "赵六", role: "admin", password: "Admin-pass-1", generated: false }], new Date(clock).toISOString());
  admin = (await session("zhao", "Admin-pass-1")).accessToken;
});

describe("first sign-in with a temporary password", () => {
  let temporary: string;

  it("the admin's new account gets a generated password, handed out once with an .xlsx, and must change it", async () => {
    const reply = await create([{ username: "zhang.dzb", name: "张三", role: "clerk", unit: "区党政办" }]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { people, credentials, workbook } = CredentialsReply.parse(reply.body);
    expect(people).toEqual([{ username: "zhang.dzb", name: "张三", role: "clerk", unit: "区党政办", enabled: true, mustChangePassword: true }]);
    temporary = credentials[0]!.password;
    expect(temporary).toMatch(/^[A-Za-z2-9#%*!?]{12}$/);
    const book = await openWorkbook(workbook);
    const sheet = book.getWorksheet("初始密码")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "单位", "姓名", "用户名", "初始密码", "身份"]);
    expect(sheet.getRow(2).values).toEqual([undefined, "区党政办", "张三", "zhang.dzb", temporary, "单位联络员"]);
    // Listed afterwards without any password.
    const listed = PeopleReply.parse((await api.call("GET", "/people", admin)).body);
    expect(JSON.stringify(listed)).not.toContain(temporary);
  });

  it("signing in with it asks for a new password before giving any token", async () => {
    const reply = LoginReply.parse((await login("Zhang.DZB", temporary)).body);
    expect(reply.status).toBe("new-password");
    if (reply.status !== "new-password") return;
    const weak = await api.call("POST", "/auth/password", undefined, { username: "zhang.dzb", challenge: reply.challenge, newPassword: "short1A" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain("至少 10 位");
    const same = await api.call("POST", "/auth/password", undefined, { username: "zhang.dzb", challenge: reply.challenge, newPassword: temporary });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain("不能与初始密码相同");
    const forged = await api.call("POST", "/auth/password", undefined, { username: "zhang.dzb", challenge: "guess", newPassword: "Zhangsan-2026" });
    expect(forged.status).toBe(401);

    const done = LoginReply.parse((await api.call("POST", "/auth/password", undefined, { username: "zhang.dzb", challenge: reply.challenge, newPassword: "Zhangsan-2026" })).body);
    expect(done.status).toBe("signed-in");
    // The challenge is used up, the temporary password is gone, the new one works straight away.
    expect((await api.call("POST", "/auth/password", undefined, { username: "zhang.dzb", challenge: reply.challenge, newPassword: "Other-pass-2026" })).status).toBe(401);
    expect((await login("zhang.dzb", temporary)).status).toBe(401);
    expect((await session("zhang.dzb", "Zhangsan-2026")).accessToken).toBeTruthy();
  });

  it("the token names one person: their own sub, name, role and unit", async () => {
    const { accessToken } = await session("zhang.dzb", "Zhangsan-2026");
    const claims = decodeJwt(accessToken);
    expect(TokenClaims.parse(claims)).toMatchObject({ role: "clerk", unit: "区党政办", name: "张三" });
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBe(600);
  });
});

describe("wrong passwords", () => {
  beforeAll(async () => {
    await create([{ username: "li.zzj", name: "李四", role: "clerk", unit: "区综治局", password: "Lisi-pass-2026" }]);
  });

  it("an unknown name and a wrong password get the same answer, and both lock after five tries", async () => {
    const wrong = await login("li.zzj", "Not-the-one-1");
    const unknown = await login("nobody.here", "Not-the-one-1");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    for (let i = 2; i <= 4; i++) {
      const [a, b] = [await login("li.zzj", "Not-the-one-1"), await login("nobody.here", "Not-the-one-1")];
      expect(a.body).toEqual(b.body);
      if (i === 3) expect(a.body.error.message).toContain("再输错 2 次");
    }
    const fifth = await login("li.zzj", "Not-the-one-1");
    const fifthUnknown = await login("nobody.here", "Not-the-one-1");
    expect([fifth.status, fifthUnknown.status]).toEqual([429, 429]);
    expect(fifth.body).toEqual(fifthUnknown.body);
    expect(fifth.body.error.message).toContain("15 分钟后再试");
  });

  it("while locked even the right password is refused; after the lock it works and the count starts afresh", async () => {
    expect((await login("li.zzj", "Lisi-pass-2026")).status).toBe(429);
    const listed = PeopleReply.parse((await api.call("GET", "/people", admin)).body).people.find((p) => p.username === "li.zzj")!;
    expect(listed.lockedUntil).toBeDefined();
    clock += 15 * 60 * 1000 + 1000;
    expect((await session("li.zzj", "Lisi-pass-2026")).accessToken).toBeTruthy();
    expect((await login("li.zzj", "Not-the-one-1")).body.error.message).not.toContain("再输错");
  });

  it("the admin's reset lifts a lock and asks for a new password at the next sign-in", async () => {
    for (let i = 0; i < 5; i++) await login("li.zzj", "Not-the-one-1");
    expect((await login("li.zzj", "Lisi-pass-2026")).status).toBe(429);
    const reset = CredentialsReply.parse((await api.call("POST", "/people/li.zzj/reset", admin)).body);
    expect(reset.people[0]).toMatchObject({ username: "li.zzj", mustChangePassword: true });
    expect(reset.people[0]!.lockedUntil).toBeUndefined();
    expect((await login("li.zzj", "Lisi-pass-2026")).status).toBe(401);
    expect(LoginReply.parse((await login("li.zzj", reset.credentials[0]!.password)).body).status).toBe("new-password");
  });
});

describe("refresh tokens", () => {
  const PASSWORD = "Wangwu-pass-2026";
  beforeAll(async () => {
    await create([{ username: "wang.office", name: "王五", role: "office", password: PASSWORD }]);
  });

  it("each refresh gives a new pair; the old refresh token, presented again later, ends the whole sign-in", async () => {
    const first = await session("wang.office", PASSWORD);
    const second = SessionTokens.parse((await refresh(first.refreshToken)).body);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = SessionTokens.parse((await refresh(second.refreshToken)).body);
    expect((await api.call("GET", "/plans", third.accessToken)).status).toBe(200);

    clock += 60_000; // past the grace for two panes racing: this is a copy being replayed
    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("refresh-reused");
    // The thief's copy and the person's current token alike: the chain is revoked.
    expect((await refresh(third.refreshToken)).status).toBe(401);
  });

  it("two panes racing with the same token: the second is told to reload, nothing is revoked", async () => {
    const first = await session("wang.office", PASSWORD);
    const [a, b] = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    const loser = a.status === 401 ? a : b;
    expect(loser.body.error.code).toBe("refresh-superseded");
    const winner = SessionTokens.parse((a.status === 200 ? a : b).body);
    expect((await refresh(winner.refreshToken)).status).toBe(200);
  });

  it("退出登录 revokes the sign-in; an unknown token is not told apart", async () => {
    const signedIn = await session("wang.office", PASSWORD);
    expect((await api.call("POST", "/auth/logout", undefined, { refreshToken: signedIn.refreshToken })).status).toBe(204);
    expect((await refresh(signedIn.refreshToken)).status).toBe(401);
    expect((await api.call("POST", "/auth/logout", undefined, { refreshToken: "made.up" })).status).toBe(204);
  });

  it("a sign-in ends seven days after it began, however often it was renewed", async () => {
    let tokens = await session("wang.office", PASSWORD);
    for (let day = 1; day <= 6; day++) {
      clock += 24 * 3600 * 1000;
      tokens = SessionTokens.parse((await refresh(tokens.refreshToken)).body);
    }
    clock += 24 * 3600 * 1000;
    const ended = await refresh(tokens.refreshToken);
    expect(ended.status).toBe(401);
    expect(ended.body.error.message).toContain("重新登录");
  });

  it("an access token stops working when it expires", async () => {
    const shortLived = await testApi({ policy: { accessTokenSeconds: 1 } });
    await shortLived.people.create([{ username: "brief", name: "短暂", role: "office", password: PASSWORD, generated: false }], new Date().toISOString());
    const reply = LoginReply.parse((await shortLived.call("POST", "/auth/login", undefined, { username: "brief", password: PASSWORD })).body);
    if (reply.status !== "signed-in") throw new Error(reply.status);
    expect((await shortLived.call("GET", "/plans", reply.session.accessToken)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await shortLived.call("GET", "/plans", reply.session.accessToken)).status).toBe(401);
    const renewed = SessionTokens.parse((await shortLived.call("POST", "/auth/refresh", undefined, { refreshToken: reply.session.refreshToken })).body);
    expect((await shortLived.call("GET", "/plans", renewed.accessToken)).status).toBe(200);
  });
});

describe("a clerk and their unit", () => {
  const PASSWORD = "Huang-pass-2026";
  let clerk: SessionTokens;
  beforeAll(async () => {
    await create([{ username: "huang.tjw", name: "黄七", role: "clerk", unit: "唐家湾镇", password: PASSWORD }]);
    clerk = await session("huang.tjw", PASSWORD);
  });

  it("cannot ask for another unit or role at sign-in: the account decides", async () => {
    for (const extra of [{ unit: "区党政办" }, { role: "admin" }]) {
      const asked = await login("huang.tjw", PASSWORD, extra);
      expect(asked.status).toBe(400);
    }
    expect(TokenClaims.parse(decodeJwt(clerk.accessToken))).toMatchObject({ role: "clerk", unit: "唐家湾镇" });
    expect((await api.call("GET", ledgerPath(PLAN, "区党政办"), clerk.accessToken)).status).toBe(403);
    expect((await api.call("GET", ledgerPath(PLAN, "唐家湾镇"), clerk.accessToken)).status).toBe(200);
  });

  it("moved to another unit by the admin: the old sign-in ends, the next one carries the new unit", async () => {
    const moved = await api.call("PUT", "/people/huang.tjw", admin, { unit: "区综治局" });
    expect(Person.parse(moved.body)).toMatchObject({ unit: "区综治局" });
    expect((await refresh(clerk.refreshToken)).status).toBe(401);
    const again = await session("huang.tjw", PASSWORD);
    expect(TokenClaims.parse(decodeJwt(again.accessToken))).toMatchObject({ unit: "区综治局" });
    expect((await api.call("GET", ledgerPath(PLAN, "唐家湾镇"), again.accessToken)).status).toBe(403);
  });

  it("disabled: sign-in and refresh are refused", async () => {
    const before = await session("huang.tjw", PASSWORD);
    expect((await api.call("PUT", "/people/huang.tjw", admin, { enabled: false })).status).toBe(200);
    expect((await refresh(before.refreshToken)).status).toBe(401);
    const refused = await login("huang.tjw", PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("已停用");
    await api.call("PUT", "/people/huang.tjw", admin, { enabled: true });
    expect((await session("huang.tjw", PASSWORD)).accessToken).toBeTruthy();
  });
});

describe("the admin's routes", () => {
  it("are the admin's only: a clerk and the office get 403, no token 401", async () => {
    const clerk = await session("zhang.dzb", "Zhangsan-2026");
    const office = await session("wang.office", "Wangwu-pass-2026");
    for (const who of [clerk.accessToken, office.accessToken]) {
      expect((await api.call("GET", "/people", who)).status).toBe(403);
      expect((await create([{ username: "sneaky", name: "某人", role: "admin" }], who)).status).toBe(403);
      expect((await api.call("PUT", "/people/zhang.dzb", who, { unit: "区综治局" })).status).toBe(403);
      expect((await api.call("POST", "/people/zhang.dzb/reset", who)).status).toBe(403);
    }
    expect((await api.call("GET", "/people", undefined)).status).toBe(401);
    expect(await api.users.getUser("sneaky")).toBeUndefined();
  });

  it("creates a plan's clerks all or none: a taken name or an unknown unit creates nobody", async () => {
    const taken = await create([
      { username: "fresh.one", name: "新人", role: "clerk", unit: "区综治局" },
      { username: "zhang.dzb", name: "张三", role: "clerk", unit: "区党政办" },
    ]);
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain("zhang.dzb");
    const unknown = await create([{ username: "fresh.one", name: "新人", role: "clerk", unit: "火星办" }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.path).toBe("people.0.unit");
    expect(await api.users.getUser("fresh.one")).toBeUndefined();
    const noUnit = await create([{ username: "fresh.one", name: "新人", role: "clerk" }]);
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.error.message).toContain("须指定单位");
    // The unit is stored as the plan writes it, however the admin typed the brackets.
    const typed = CredentialsReply.parse((await create([{ username: "fresh.one", name: "新人", role: "clerk", unit: "区发改重大办(筹)" }])).body);
    expect(typed.people[0]!.unit).toBe("区发改重大办（筹）");
  });

  it("escapes names that look like formulas in the passwords workbook", async () => {
    const reply = CredentialsReply.parse((await create([{ username: "formula.guy", name: "=HYPERLINK(\"http://x\")", role: "office" }])).body);
    const book = await openWorkbook(reply.workbook);
    const cell = book.getWorksheet("初始密码")!.getCell("B2");
    expect(cell.value).toBe("'=HYPERLINK(\"http://x\")");
    expect(cell.formula).toBeUndefined();
  });

  it("will not let an admin disable themselves or drop their own admin role", async () => {
    const own = await api.call("PUT", "/people/zhao", admin, { enabled: false });
    expect(own.status).toBe(400);
    expect((await api.call("PUT", "/people/zhao", admin, { role: "office" })).status).toBe(400);
  });
});

describe("people, not roles, in the record", () => {
  it("history and the office's review name 张三（区党政办） and 王五（督办汇总）", async () => {
    const clerk = await session("zhang.dzb", "Zhangsan-2026");
    const office = await session("wang.office", "Wangwu-pass-2026");
    const plan = (await api.repository.getPlan(PLAN))!;
    const rows = ledgerFor(plan, "区党政办").map((r) => clerkCells({ ...r, office: "综合科", leader: "陈明" }));
    const synced = LedgerReply.parse((await api.call("PUT", ledgerPath(PLAN, "区党政办"), clerk.accessToken, { baseVersion: 0, rows })).body);
    expect(synced.updatedBy).toBe("张三（区党政办）");
    const history = HistoryReply.parse((await api.call("GET", `${ledgerPath(PLAN, "区党政办")}/history`, office.accessToken)).body);
    expect(history.versions.map((v) => v.by)).toEqual(["张三（区党政办）"]);
    const reviewed = LedgerReply.parse(
      (await api.call("POST", `${ledgerPath(PLAN, "区党政办")}/review`, office.accessToken, { rowKey: rows[0]!.taskId, verdict: "退回", comment: "请补充进展" })).body,
    );
    expect(reviewed.rows[0]!.review).toMatchObject({ verdict: "退回", by: "王五（督办汇总）" });
    // The office's 汇总台账 sheet says who reviewed.
    const merged = ConsolidatedPage.parse((await api.call("GET", `/plans/${PLAN}/consolidated`, office.accessToken)).body);
    const rowsOfSheet = consolidatedSheetBuilder(plan).add(merged.ledgers);
    const reviewCell = rowsOfSheet.find((r) => r[0] === "区党政办" && r.at(-1))!.at(-1);
    expect(reviewCell).toBe("退回：请补充进展（王五（督办汇总））");
  });
});
