// The admin's view of people, whatever holds them: the local stack's accounts (local-people.ts) or the Cognito
// user pool on AWS (cognito-people.ts). The routes never know which.
import type { Person } from "../../core/accounts/contract";
import type { Role } from "../../core/accounts/person";

export interface NewAccount {
  username: string;
  name: string;
  role: Role;
  unit?: string;
  password: string;
  /**
   * True: this server made the password (random), a temporary one the first sign-in replaces. False: the admin
   * (a script, a test) chose it, and the person signs in with it as it is.
   */
  generated: boolean;
}

export interface AccountChange {
  name?: string;
  role?: Role;
  /** null: no unit any more (an office or admin account). */
  unit?: string | null;
  enabled?: boolean;
}

/** A person with the id their tokens carry as `sub`, so the routes can tell an admin from the account they edit. */
export type DirectoryPerson = Person & { id: string };

export interface PeopleDirectory {
  list(): Promise<DirectoryPerson[]>;
  get(username: string): Promise<DirectoryPerson | undefined>;
  /** All or none; throws UsernameTaken naming any that exist. */
  create(accounts: NewAccount[], at: string): Promise<DirectoryPerson[]>;
  /** A change of role, unit or enabled also ends the person's sessions. undefined: no such person. */
  update(username: string, change: AccountChange, at: string): Promise<DirectoryPerson | undefined>;
  /** A new temporary password, changed at the next sign-in; ends the person's sessions and lifts a lock. */
  resetPassword(username: string, account: Pick<NewAccount, "password" | "generated">, at: string): Promise<DirectoryPerson | undefined>;
}

/** Whether a change takes away something a live session holds (its role, its unit, the account itself). */
export const endsSessions = (change: AccountChange) => change.role !== undefined || change.unit !== undefined || change.enabled === false;
