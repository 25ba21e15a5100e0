// The admin's people over the local accounts (UserStore on DynamoDB).
import { randomUUID } from "node:crypto";
import type { StoredUser, UserStore } from "../storage/user-store";
import { hashGeneratedPassword, hashPassword } from "./passwords";
import { endsSessions, type AccountChange, type DirectoryPerson, type NewAccount, type PeopleDirectory } from "./people";

export class LocalPeople implements PeopleDirectory {
  constructor(
    private readonly store: UserStore,
    private readonly clock: () => number = Date.now,
  ) {}

  private async person(user: StoredUser): Promise<DirectoryPerson> {
    const failures = await this.store.failedLogins(user.username);
    const now = Math.floor(this.clock() / 1000);
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      role: user.role,
      ...(user.unit ? { unit: user.unit } : {}),
      enabled: user.enabled,
      mustChangePassword: user.mustChangePassword,
      ...(failures?.lockedUntil && failures.lockedUntil > now ? { lockedUntil: new Date(failures.lockedUntil * 1000).toISOString() } : {}),
    };
  }

  async list(): Promise<DirectoryPerson[]> {
    return Promise.all((await this.store.listUsers()).map((u) => this.person(u)));
  }

  async get(username: string): Promise<DirectoryPerson | undefined> {
    const user = await this.store.getUser(username);
    return user && this.person(user);
  }

  async create(accounts: NewAccount[], at: string): Promise<DirectoryPerson[]> {
    const users: StoredUser[] = await Promise.all(
      accounts.map(async (a) => ({
        id: randomUUID(),
        username: a.username,
        name: a.name,
        role: a.role,
        ...(a.unit ? { unit: a.unit } : {}),
        passwordHash: a.generated ? hashGeneratedPassword(a.password) : await hashPassword(a.password),
        mustChangePassword: a.generated,
        enabled: true,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await this.store.createUsers(users);
    return Promise.all(users.map((u) => this.person(u)));
  }

  async update(username: string, change: AccountChange, at: string): Promise<DirectoryPerson | undefined> {
    const user = await this.store.updateProfile(username, change, at);
    if (!user) return undefined;
    if (endsSessions(change)) await this.store.revokeAllSessions(username, Math.floor(this.clock() / 1000));
    return this.person(user);
  }

  async resetPassword(username: string, account: Pick<NewAccount, "password" | "generated">, at: string): Promise<DirectoryPerson | undefined> {
    const hash = account.generated ? hashGeneratedPassword(account.password) : await hashPassword(account.password);
    if (!(await this.store.getUser(username))) return undefined;
    await this.store.setPassword(username, hash, { mustChange: true, at });
    await this.store.revokeAllSessions(username, Math.floor(this.clock() / 1000));
    await this.store.clearFailedLogins(username);
    return this.get(username);
  }
}
