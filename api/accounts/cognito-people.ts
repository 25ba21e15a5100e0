// The admin's people in the Cognito user pool (AWS): AdminCreateUser with a temporary password and no mail
// (the admin hands passwords out on paper), one group per role, the unit in custom:unit, the name in `name`.
// The function's role may call exactly these operations on this pool (infra/constructs/api-service.ts).
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserAttributesCommand, AdminDeleteUserCommand,
  AdminDisableUserCommand, AdminEnableUserCommand, AdminGetUserCommand, AdminListGroupsForUserCommand, AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand, AdminUpdateUserAttributesCommand, AdminUserGlobalSignOutCommand, CognitoIdentityProviderClient,
  ListUsersInGroupCommand, UserNotFoundException, UsernameExistsException, type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { Role } from "../../core/accounts/person";
import { UsernameTaken } from "../storage/user-store";
import { endsSessions, type AccountChange, type DirectoryPerson, type NewAccount, type PeopleDirectory } from "./people";

/** The operations the function's role is granted on the pool, and no other (the infra test compares). */
export const COGNITO_ADMIN_ACTIONS = [
  "cognito-idp:AdminAddUserToGroup",
  "cognito-idp:AdminCreateUser",
  "cognito-idp:AdminDeleteUser",
  "cognito-idp:AdminDeleteUserAttributes",
  "cognito-idp:AdminDisableUser",
  "cognito-idp:AdminEnableUser",
  "cognito-idp:AdminGetUser",
  "cognito-idp:AdminListGroupsForUser",
  "cognito-idp:AdminRemoveUserFromGroup",
  "cognito-idp:AdminSetUserPassword",
  "cognito-idp:AdminUpdateUserAttributes",
  "cognito-idp:AdminUserGlobalSignOut",
  "cognito-idp:ListUsersInGroup",
] as const;

export const UNIT_CLAIM = "custom:unit";
const ROLES_WIDEST_FIRST = ["admin", "office", "clerk"] as const;

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value;

export class CognitoPeople implements PeopleDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /** Everyone is in one role group, so three paged reads list them all with their role. */
  async list(): Promise<DirectoryPerson[]> {
    const byName = new Map<string, DirectoryPerson>();
    for (const role of [...ROLES_WIDEST_FIRST].reverse()) {
      let NextToken: string | undefined;
      do {
        const page = await this.client.send(new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, NextToken }));
        for (const user of page.Users ?? []) {
          byName.set(user.Username!, {
            id: attribute(user.Attributes, "sub") ?? user.Username!,
            username: user.Username!,
            name: attribute(user.Attributes, "name") ?? user.Username!,
            role,
            ...(attribute(user.Attributes, UNIT_CLAIM) ? { unit: attribute(user.Attributes, UNIT_CLAIM) } : {}),
            enabled: user.Enabled !== false,
            mustChangePassword: user.UserStatus === "FORCE_CHANGE_PASSWORD",
          });
        }
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return [...byName.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  async get(username: string): Promise<DirectoryPerson | undefined> {
    try {
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      const groups = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: user.Username! }));
      const names = (groups.Groups ?? []).map((g) => g.GroupName);
      const role = ROLES_WIDEST_FIRST.find((r) => names.includes(r));
      return {
        id: attribute(user.UserAttributes, "sub") ?? user.Username!,
        username: user.Username!,
        name: attribute(user.UserAttributes, "name") ?? user.Username!,
        role: Role.parse(role ?? "clerk"),
        ...(attribute(user.UserAttributes, UNIT_CLAIM) ? { unit: attribute(user.UserAttributes, UNIT_CLAIM) } : {}),
        enabled: user.Enabled !== false,
        mustChangePassword: user.UserStatus === "FORCE_CHANGE_PASSWORD",
      };
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }

  /**
   * Cognito has no transaction: names are checked first, and should a create fail half way the accounts this
   * call made are deleted again, so the admin never sees half a batch.
   */
  async create(accounts: NewAccount[]): Promise<DirectoryPerson[]> {
    const existing = (await Promise.all(accounts.map(async (a) => ((await this.exists(a.username)) ? a.username : undefined)))).filter(
      (name): name is string => name !== undefined,
    );
    if (existing.length) throw new UsernameTaken(existing);
    const made: string[] = [];
    try {
      for (const account of accounts) {
        await this.client.send(
          new AdminCreateUserCommand({
            UserPoolId: this.userPoolId,
            Username: account.username,
            TemporaryPassword: account.password,
            MessageAction: "SUPPRESS",
            UserAttributes: [{ Name: "name", Value: account.name }, ...(account.unit ? [{ Name: UNIT_CLAIM, Value: account.unit }] : [])],
          }),
        );
        made.push(account.username);
        await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: account.username, GroupName: account.role }));
        if (!account.generated) {
          await this.client.send(
            new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: account.username, Password: account.password, Permanent: true }),
          );
        }
      }
    } catch (error) {
      for (const username of made) await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username })).catch(() => undefined);
      if (error instanceof UsernameExistsException) throw new UsernameTaken([String(accounts[made.length]?.username)]);
      throw error;
    }
    return Promise.all(accounts.map(async (a) => (await this.get(a.username))!));
  }

  async update(username: string, change: AccountChange): Promise<DirectoryPerson | undefined> {
    const before = await this.get(username);
    if (!before) return undefined;
    const Username = before.username;
    const UserPoolId = this.userPoolId;
    const attributes = [
      ...(change.name !== undefined ? [{ Name: "name", Value: change.name }] : []),
      ...(typeof change.unit === "string" ? [{ Name: UNIT_CLAIM, Value: change.unit }] : []),
    ];
    if (attributes.length) await this.client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes: attributes }));
    if (change.unit === null) await this.client.send(new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames: [UNIT_CLAIM] }));
    if (change.role && change.role !== before.role) {
      await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: change.role }));
      await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username, GroupName: before.role }));
    }
    if (change.enabled === false) await this.client.send(new AdminDisableUserCommand({ UserPoolId, Username }));
    if (change.enabled === true) await this.client.send(new AdminEnableUserCommand({ UserPoolId, Username }));
    if (endsSessions(change)) await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username }));
    return this.get(Username);
  }

  async resetPassword(username: string, account: Pick<NewAccount, "password">): Promise<DirectoryPerson | undefined> {
    if (!(await this.exists(username))) return undefined;
    const UserPoolId = this.userPoolId;
    await this.client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: account.password, Permanent: false }));
    await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: username }));
    return this.get(username);
  }

  private async exists(username: string): Promise<boolean> {
    try {
      await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      return true;
    } catch (error) {
      if (error instanceof UserNotFoundException) return false;
      throw error;
    }
  }
}
