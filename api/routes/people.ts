// /people: the admin's 账号 view. Admin only; passwords are made here (or given by the admin), handed back
// once with an .xlsx, and never readable again.
import { Hono } from "hono";
import { Buffer } from "node:buffer";
import {
  CreatePeopleRequest, PersonUpdate, type CredentialsReply, type InitialCredential, type PeopleReply, type Person,
} from "../../core/accounts/contract";
import { Username } from "../../core/accounts/person";
import { unitResolver } from "../../core/plan/unit-directory";
import type { AppEnv } from "../app-env";
import { temporaryPassword } from "../accounts/passwords";
import type { DirectoryPerson, PeopleDirectory } from "../accounts/people";
import { HttpError, notFound } from "../errors";
import type { Repository } from "../storage/repository";
import { UsernameTaken } from "../storage/user-store";
import { credentialsWorkbook } from "../xlsx/credentials-workbook";
import { requireRole } from "./access";
import { readBody } from "./body";

const shown = ({ id: _id, ...person }: DirectoryPerson): Person => person;

/** The user name in the path; one that could never exist is simply not found. */
function pathUsername(raw: string): string {
  const parsed = Username.safeParse(raw);
  if (!parsed.success) throw notFound(`账号「${raw}」`);
  return parsed.data;
}

/** The plans' own names for units, through their aliases: 党政办 becomes 区党政办; undefined when no plan knows it. */
async function unitNames(repository: Repository): Promise<(name: string) => string | undefined> {
  const plans = await Promise.all((await repository.listPlans()).map((p) => repository.getPlan(p.id)));
  const resolvers = plans.flatMap((plan) => (plan ? [unitResolver(plan)] : []));
  return (name) => resolvers.map((resolve) => resolve(name)).find((found) => found !== undefined);
}

const unknownUnit = (unit: string, path: string) =>
  new HttpError(400, "unknown-unit", `单位「${unit}」不在任何已发布方案的单位名录中，请核对单位名称。`, { path });

async function handOut(people: DirectoryPerson[], passwords: Map<string, string>): Promise<CredentialsReply> {
  const credentials: InitialCredential[] = people.map((p) => ({
    username: p.username,
    name: p.name,
    role: p.role,
    ...(p.unit ? { unit: p.unit } : {}),
    password: passwords.get(p.username)!,
  }));
  return { people: people.map(shown), credentials, workbook: Buffer.from(await credentialsWorkbook(credentials)).toString("base64") };
}

export function peopleRoutes(directory: PeopleDirectory, repository: Repository, now: () => string) {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    requireRole(c.get("principal"), "admin");
    await next();
    c.header("cache-control", "no-store");
  });

  app.get("/", async (c) => c.json({ people: (await directory.list()).map(shown) } satisfies PeopleReply));

  app.post("/", async (c) => {
    const body = await readBody(c, CreatePeopleRequest);
    const resolve = await unitNames(repository);
    const accounts = body.people.map((p, i) => {
      const unit = p.unit === undefined ? undefined : resolve(p.unit);
      if (p.unit !== undefined && !unit) throw unknownUnit(p.unit, `people.${i}.unit`);
      const password = p.password ?? temporaryPassword();
      return { username: p.username, name: p.name, role: p.role, ...(unit ? { unit } : {}), password, generated: p.password === undefined };
    });
    let people: DirectoryPerson[];
    try {
      people = await directory.create(accounts, now());
    } catch (error) {
      if (error instanceof UsernameTaken) {
        throw new HttpError(409, "username-taken", `用户名已被使用：${error.usernames.join("、")}。请换一个用户名，未创建任何账号。`, {
          usernames: error.usernames,
        });
      }
      throw error;
    }
    return c.json(await handOut(people, new Map(accounts.map((a) => [a.username, a.password]))));
  });

  app.put("/:username", async (c) => {
    const principal = c.get("principal");
    const username = pathUsername(c.req.param("username"));
    const change = await readBody(c, PersonUpdate);
    const before = await directory.get(username);
    if (!before) throw notFound(`账号「${username}」`);
    if (before.id === principal.sub && (change.enabled === false || (change.role && change.role !== "admin"))) {
      throw new HttpError(400, "own-account", "不能停用自己的账号或取消自己的管理员身份，请由另一位管理员操作。");
    }
    let unit = change.unit;
    if (typeof unit === "string") {
      const named = (await unitNames(repository))(unit);
      if (!named) throw unknownUnit(unit, "unit");
      unit = named;
    }
    const role = change.role ?? before.role;
    const unitAfter = unit === undefined ? before.unit : unit ?? undefined;
    if (role === "clerk" && !unitAfter) throw new HttpError(400, "bad-request", "单位联络员须指定单位。", { path: "unit" });
    const person = await directory.update(username, { ...change, ...(unit !== undefined ? { unit } : {}) }, now());
    if (!person) throw notFound(`账号「${username}」`);
    return c.json(shown(person));
  });

  app.post("/:username/reset", async (c) => {
    const username = pathUsername(c.req.param("username"));
    const password = temporaryPassword();
    const person = await directory.resetPassword(username, { password, generated: true }, now());
    if (!person) throw notFound(`账号「${username}」`);
    return c.json(await handOut([person], new Map([[person.username, password]])));
  });

  return app;
}
