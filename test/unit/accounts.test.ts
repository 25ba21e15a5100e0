// The pieces of accounts that need no database: the password hash, the one password rule, temporary passwords,
// user names proposed from a plan's unit directory, and how a person is named in the record.
import { describe, expect, it } from "vitest";
import { hashGeneratedPassword, hashPassword, temporaryPassword, verifyPassword } from "../../api/accounts/passwords";
import { LoginRequest, PersonInput } from "../../core/accounts/contract";
import { passwordProblems } from "../../core/accounts/password-policy";
import { personLabel, Username } from "../../core/accounts/person";
import { proposeUnitAccounts } from "../../core/accounts/unit-accounts";

describe("password hashes", () => {
  it("scrypt with its cost and a salt of its own in the hash; the right password verifies, a wrong one does not", async () => {
    const a = await hashPassword("Zhangsan-2026");
    const b = await hashPassword("Zhangsan-2026");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("Zhangsan");
    expect(await verifyPassword(a, "Zhangsan-2026")).toBe(true);
    expect(await verifyPassword(a, "zhangsan-2026")).toBe(false);
    expect(await verifyPassword(a, "")).toBe(false);
    expect(await verifyPassword("nonsense", "Zhangsan-2026")).toBe(false);
  });

  it("a password the server generated is hashed fast but verified as slowly as any", async () => {
    const password = temporaryPassword();
    const stored = hashGeneratedPassword(password);
    expect(stored).toMatch(/^sha256\$/);
    expect(await verifyPassword(stored, password)).toBe(true);
    expect(await verifyPassword(stored, `${password}x`)).toBe(false);
  });

  it("temporary passwords meet the rule, avoid look-alike characters and formula starts, and differ", () => {
    const made = Array.from({ length: 200 }, () => temporaryPassword());
    for (const p of made) {
      expect(passwordProblems(p)).toEqual([]);
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9#%*!?]{12}$/);
    }
    expect(new Set(made).size).toBe(made.length);
  });
});

describe("the password rule", () => {
  it("names every missing kind in Chinese", () => {
    expect(passwordProblems("abc")).toEqual(["至少 10 位", "须含大写字母", "须含数字", "须含符号（如 - # !）"]);
    expect(passwordProblems("Abcdefgh12 -")).toEqual(["不能含空格"]);
    expect(passwordProblems("Abcdefgh1-")).toEqual([]);
  });
});

describe("sign-in and account bodies", () => {
  it("a sign-in carries a user name and a password and nothing else", () => {
    expect(LoginRequest.safeParse({ username: " Zhang.DZB ", password: "x" })).toMatchObject({ success: true, data: { username: "zhang.dzb" } });
    expect(LoginRequest.safeParse({ username: "zhang", password: "x", unit: "区党政办" }).success).toBe(false);
    expect(LoginRequest.safeParse({ username: "zhang", password: "x".repeat(300) }).success).toBe(false);
  });

  it("user names may be Chinese, never control characters or spaces inside", () => {
    expect(Username.parse("区党政办")).toBe("区党政办");
    for (const bad of ["a", "张 三", "=cmd", "x\u0000y"]) expect(Username.safeParse(bad).success, bad).toBe(false);
  });

  it("a clerk account needs a unit", () => {
    expect(PersonInput.safeParse({ username: "li.zzj", name: "李四", role: "clerk" }).error?.issues[0]).toMatchObject({ path: ["unit"], message: "单位联络员须指定单位" });
    expect(PersonInput.safeParse({ username: "wang", name: "王五", role: "office" }).success).toBe(true);
  });
});

describe("accounts for a plan's units", () => {
  const units = [
    { name: "区住房和城乡建设局（区人防办）", aliases: [] },
    { name: "区党政办", aliases: ["党政办"] },
  ];

  it("proposes one user name per unit from its shortest usable name, skipping names taken", () => {
    expect(proposeUnitAccounts(units, 1, [])).toEqual([
      { unit: "区住房和城乡建设局（区人防办）", username: "区住房和城乡建设局区人防办" },
      { unit: "区党政办", username: "党政办" },
    ]);
    expect(proposeUnitAccounts(units, 2, ["党政办"]).map((p) => p.username)).toEqual([
      "区住房和城乡建设局区人防办",
      "区住房和城乡建设局区人防办2",
      "党政办2",
      "党政办3",
    ]);
  });
});

describe("people in the record", () => {
  it("names a person with their unit, or their role when they have none", () => {
    expect(personLabel({ name: "张三", role: "clerk", unit: "建设局" })).toBe("张三（建设局）");
    expect(personLabel({ name: "王五", role: "office" })).toBe("王五（督办汇总）");
    expect(personLabel({ sub: "cli", role: "admin" })).toBe("cli（管理员）");
  });
});
