// UserStore on the ledgers' DynamoDB table. Its keys, beside those of keys.ts (all Get or Query, never Scan):
//
//   pk                       sk                  what
//   ACCOUNTS                 USER#<username>     an account; listing the accounts is one Query
//   LOGIN#<username>         -                   wrong passwords and the lock, for any name typed (expires)
//   SESSIONS#<username>      FAMILY#<id>         a sign-in's refresh chain; revoking a person's sessions is one Query
//   REFRESH#<sha256>         -                   one refresh token, by the hash of it (expires)
//
// `expiresAt` is the table's TTL attribute: DynamoDB deletes such items some time after it passes, so every
// read checks the time itself. The account item never carries it.
import { randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, DeleteCommand, paginateQuery, type DynamoDBDocumentClient,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { Role } from "../../core/accounts/person";
import {
  UsernameTaken, type FailedLogins, type ProfileChange, type RefreshRecord, type SessionFamily, type StoredUser, type UserStore,
} from "./user-store";

const userKey = (username: string) => ({ pk: "ACCOUNTS", sk: `USER#${username}` });
const loginKey = (username: string) => ({ pk: `LOGIN#${username}`, sk: "-" });
const familyKey = (username: string, id: string) => ({ pk: `SESSIONS#${username}`, sk: `FAMILY#${id}` });
const refreshKey = (hash: string) => ({ pk: `REFRESH#${hash}`, sk: "-" });

/** A transaction holds at most 100 items. */
const MAX_TRANSACTION_ITEMS = 100;

function toUser(item: Record<string, any>): StoredUser {
  return {
    id: item.id,
    username: item.username,
    name: item.name,
    role: Role.parse(item.role),
    ...(item.unit ? { unit: item.unit } : {}),
    passwordHash: item.passwordHash,
    mustChangePassword: item.mustChangePassword === true,
    enabled: item.enabled !== false,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    ...(item.challengeHash ? { challenge: { hash: item.challengeHash, expiresAt: item.challengeExpiresAt } } : {}),
  };
}

function userItem(user: StoredUser): Record<string, unknown> {
  const { challenge, ...rest } = user;
  return { ...userKey(user.username), ...rest, ...(challenge ? { challengeHash: challenge.hash, challengeExpiresAt: challenge.expiresAt } : {}) };
}

const conditionFailed = (error: unknown) => (error as { name?: string }).name === "ConditionalCheckFailedException";

export class DynamoUserStore implements UserStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  async getUser(username: string): Promise<StoredUser | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: userKey(username), ConsistentRead: true }))).Item;
    return item ? toUser(item) : undefined;
  }

  async listUsers(): Promise<StoredUser[]> {
    const items = await this.queryAll({ KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": "ACCOUNTS" } });
    return items.map(toUser);
  }

  async createUsers(users: StoredUser[]): Promise<void> {
    if (users.length > MAX_TRANSACTION_ITEMS) throw new Error(`at most ${MAX_TRANSACTION_ITEMS} users at once`);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: users.map((user) => ({
            Put: { TableName: this.table, Item: userItem(user), ConditionExpression: "attribute_not_exists(pk)" },
          })),
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const taken = (error.CancellationReasons ?? []).flatMap((reason, i) => (reason.Code === "ConditionalCheckFailed" ? [users[i]!.username] : []));
      if (taken.length) throw new UsernameTaken(taken);
      throw error;
    }
  }

  async updateProfile(username: string, change: ProfileChange, at: string): Promise<StoredUser | undefined> {
    const names: Record<string, string> = { "#updatedAt": "updatedAt" };
    const values: Record<string, unknown> = { ":at": at };
    const sets = ["#updatedAt = :at"];
    const removes: string[] = [];
    for (const field of ["name", "role", "enabled", "unit"] as const) {
      const value = change[field];
      if (value === undefined) continue;
      names[`#${field}`] = field;
      if (value === null) removes.push(`#${field}`);
      else (sets.push(`#${field} = :${field}`), (values[`:${field}`] = value));
    }
    try {
      const reply = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: userKey(username),
          UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      return toUser(reply.Attributes!);
    } catch (error) {
      if (conditionFailed(error)) return undefined;
      throw error;
    }
  }

  async saveChallenge(username: string, challenge: { hash: string; expiresAt: number }): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: userKey(username),
        UpdateExpression: "SET challengeHash = :h, challengeExpiresAt = :e",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":h": challenge.hash, ":e": challenge.expiresAt },
      }),
    );
  }

  async setPassword(username: string, passwordHash: string, options: { mustChange: boolean; at: string; usingChallenge?: string }): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: userKey(username),
          UpdateExpression: "SET passwordHash = :hash, mustChangePassword = :must, updatedAt = :at REMOVE challengeHash, challengeExpiresAt",
          ConditionExpression: options.usingChallenge ? "challengeHash = :challenge" : "attribute_exists(pk)",
          ExpressionAttributeValues: {
            ":hash": passwordHash,
            ":must": options.mustChange,
            ":at": options.at,
            ...(options.usingChallenge ? { ":challenge": options.usingChallenge } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async failedLogins(username: string): Promise<FailedLogins | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: loginKey(username), ConsistentRead: true }))).Item;
    return item ? { count: item.count, windowEndsAt: item.windowEndsAt, ...(item.lockedUntil ? { lockedUntil: item.lockedUntil } : {}) } : undefined;
  }

  async recordFailedLogin(username: string, now: number, policy: { windowSeconds: number; lockAfter: number; lockSeconds: number }): Promise<FailedLogins> {
    // Each wrong password counts once and only once: the SDK retries a write whose answer was lost (a slow
    // database, a dropped connection), and a bare ADD would then count one guess twice. So every guess carries an
    // id of its own, added to the window's set in the same update that counts it and refused when already there.
    const attempt = randomUUID();
    let counted: Record<string, any> | undefined;
    while (!counted) {
      try {
        counted = (
          await this.db.send(
            new UpdateCommand({
              TableName: this.table,
              Key: loginKey(username),
              UpdateExpression: "ADD #count :one, attempts :attempt",
              ConditionExpression: "windowEndsAt > :now AND NOT contains(attempts, :id)",
              ExpressionAttributeNames: { "#count": "count" },
              ExpressionAttributeValues: { ":one": 1, ":attempt": new Set([attempt]), ":id": attempt, ":now": now },
              ReturnValues: "ALL_NEW",
            }),
          )
        ).Attributes!;
      } catch (error) {
        if (!conditionFailed(error)) throw error;
        const current = (await this.db.send(new GetCommand({ TableName: this.table, Key: loginKey(username), ConsistentRead: true }))).Item;
        if (current && current.windowEndsAt > now && (current.attempts as Set<string> | undefined)?.has(attempt)) {
          counted = current;
          break;
        }
        // No open window: this guess opens one, unless another guess opened it meanwhile (then count in that one).
        const fresh = { count: 1, attempts: new Set([attempt]), windowEndsAt: now + policy.windowSeconds };
        try {
          await this.db.send(
            new PutCommand({
              TableName: this.table,
              Item: { ...loginKey(username), ...fresh, expiresAt: fresh.windowEndsAt },
              ConditionExpression: "attribute_not_exists(pk) OR windowEndsAt <= :now OR contains(attempts, :id)",
              ExpressionAttributeValues: { ":now": now, ":id": attempt },
            }),
          );
          counted = fresh;
        } catch (putError) {
          if (!conditionFailed(putError)) throw putError;
        }
      }
    }
    if (counted.count < policy.lockAfter) return { count: counted.count, windowEndsAt: counted.windowEndsAt };
    const lockedUntil = now + policy.lockSeconds;
    // The lock starts a fresh window: after it, the name gets its full number of tries again.
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...loginKey(username), count: 0, windowEndsAt: lockedUntil, lockedUntil, expiresAt: lockedUntil } }),
    );
    return { count: counted.count, windowEndsAt: lockedUntil, lockedUntil };
  }

  async clearFailedLogins(username: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: loginKey(username) }));
  }

  async startSession(family: SessionFamily, first: RefreshRecord): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table, Item: { ...familyKey(family.username, family.id), ...family }, ConditionExpression: "attribute_not_exists(pk)" } },
          { Put: { TableName: this.table, Item: { ...refreshKey(first.hash), ...first }, ConditionExpression: "attribute_not_exists(pk)" } },
        ],
      }),
    );
  }

  async findRefreshToken(hash: string): Promise<RefreshRecord | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: refreshKey(hash), ConsistentRead: true }))).Item;
    return item ? { hash, username: item.username, familyId: item.familyId, generation: item.generation, expiresAt: item.expiresAt } : undefined;
  }

  async getSession(username: string, familyId: string): Promise<SessionFamily | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: familyKey(username, familyId), ConsistentRead: true }))).Item;
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...family } = item;
    return family as SessionFamily;
  }

  async rotateSession(family: SessionFamily, next: RefreshRecord, now: number): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: familyKey(family.username, family.id),
                UpdateExpression: "SET generation = :next, rotatedAt = :now",
                ConditionExpression: "generation = :current AND attribute_not_exists(revokedAt)",
                ExpressionAttributeValues: { ":next": next.generation, ":current": family.generation, ":now": now },
              },
            },
            { Put: { TableName: this.table, Item: { ...refreshKey(next.hash), ...next }, ConditionExpression: "attribute_not_exists(pk)" } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async revokeSession(username: string, familyId: string, now: number): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: familyKey(username, familyId),
          UpdateExpression: "SET revokedAt = :now",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(revokedAt)",
          ExpressionAttributeValues: { ":now": now },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  async revokeAllSessions(username: string, now: number): Promise<number> {
    const families = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `SESSIONS#${username}`, ":now": now },
      FilterExpression: "attribute_not_exists(revokedAt) AND expiresAt > :now",
      ProjectionExpression: "id",
    });
    for (const family of families) await this.revokeSession(username, family.id, now);
    return families.length;
  }

  private async queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    for await (const page of paginateQuery({ client: this.db }, { TableName: this.table, ...input })) items.push(...(page.Items ?? []));
    return items;
  }
}
