// The bodies of /auth/* (the local stack's own sign-in) and /people (the admin's 账号 view), and the pane's
// configuration file. The server parses requests with them, the pane parses replies, as in core/api/contract.ts.
import { z } from "zod";
import { NewPassword } from "./password-policy";
import { DisplayName, Role, Username } from "./person";

const Password = z.string().min(1, { message: "请填写密码" }).max(256, { message: "密码过长" });
/** Opaque strings the server made; bounded so nobody can send a megabyte in their place. */
const Opaque = (what: string) => z.string().min(1, { message: `缺少${what}` }).max(512, { message: `${what}无效` });

// Strict objects: a sign-in says who and the password, nothing else. A clerk cannot ask for a unit or a role;
// the account decides both.
export const LoginRequest = z.strictObject({ username: Username, password: Password });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const NewPasswordRequest = z.strictObject({ username: Username, challenge: Opaque("改密凭据"), newPassword: NewPassword });
export type NewPasswordRequest = z.infer<typeof NewPasswordRequest>;

export const RefreshRequest = z.strictObject({ refreshToken: Opaque("续期凭据") });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** What a sign-in hands the pane: a short-lived bearer for the API and the refresh token that renews it. */
export const SessionTokens = z.object({
  /** Sent as `Authorization: Bearer`; minutes long. */
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds the access token is good for from now. */
  expiresIn: z.number().int().positive(),
});
export type SessionTokens = z.infer<typeof SessionTokens>;

export const LoginReply = z.discriminatedUnion("status", [
  z.object({ status: z.literal("signed-in"), session: SessionTokens }),
  /** First sign-in (or after a reset): the password was right, a new one must be chosen before anything else. */
  z.object({ status: z.literal("new-password"), challenge: z.string() }),
]);
export type LoginReply = z.infer<typeof LoginReply>;

// ------------------------------------------------------------------------------------------- people

/** One account as the admin sees it. Never its password or anything derived from it. */
export const Person = z.object({
  username: z.string(),
  name: z.string(),
  role: Role,
  unit: z.string().optional(),
  enabled: z.boolean(),
  /** Still on a temporary password: the first sign-in asks for a new one. */
  mustChangePassword: z.boolean(),
  /** Set while too many wrong passwords keep the account locked (local accounts). */
  lockedUntil: z.string().optional(),
});
export type Person = z.infer<typeof Person>;

export const PersonInput = z
  .strictObject({
    username: Username,
    name: DisplayName,
    role: Role,
    unit: z.string().trim().min(1, { message: "单位不能为空" }).max(64, { message: "单位名称过长" }).optional(),
    /**
     * Given: the person's password as it is (scripts, tests). Absent: the server makes a temporary one, handed
     * out once, that the first sign-in replaces.
     */
    password: NewPassword.optional(),
  })
  .refine((p) => p.role !== "clerk" || p.unit, { message: "单位联络员须指定单位", path: ["unit"] });
export type PersonInput = z.infer<typeof PersonInput>;

/** Several accounts in one step, all or none: a plan's units at once. */
export const MAX_PEOPLE_PER_REQUEST = 100;
export const CreatePeopleRequest = z.strictObject({
  people: z
    .array(PersonInput)
    .min(1, { message: "请至少填写一个账号" })
    .max(MAX_PEOPLE_PER_REQUEST, { message: `一次最多创建 ${MAX_PEOPLE_PER_REQUEST} 个账号，请分批创建` })
    .superRefine((people, context) => {
      const seen = new Set<string>();
      people.forEach((p, i) => {
        if (seen.has(p.username)) context.addIssue({ code: "custom", path: [i, "username"], message: `用户名「${p.username}」重复` });
        seen.add(p.username);
      });
    }),
});
export type CreatePeopleRequest = z.infer<typeof CreatePeopleRequest>;

export const PersonUpdate = z
  .strictObject({
    name: DisplayName.optional(),
    role: Role.optional(),
    /** A clerk moved to another unit; null takes the unit away (office and admin accounts). */
    unit: z.string().trim().min(1, { message: "单位不能为空" }).max(64, { message: "单位名称过长" }).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: "没有要修改的内容" });
export type PersonUpdate = z.infer<typeof PersonUpdate>;

/** A password handed out once, to be changed at first sign-in. */
export const InitialCredential = z.object({
  username: z.string(),
  name: z.string(),
  role: Role,
  unit: z.string().optional(),
  password: z.string(),
});
export type InitialCredential = z.infer<typeof InitialCredential>;

/**
 * Accounts created or reset: the people as stored, and their initial passwords, once, with the same list as an
 * .xlsx (base64) for the admin to print or send. Passwords are never readable again afterwards.
 */
export const CredentialsReply = z.object({
  people: z.array(Person),
  credentials: z.array(InitialCredential),
  workbook: z.string(),
});
export type CredentialsReply = z.infer<typeof CredentialsReply>;

export const PeopleReply = z.object({ people: z.array(Person) });
export type PeopleReply = z.infer<typeof PeopleReply>;

// ------------------------------------------------------------------------------------- pane config

/**
 * config.json, served with the pane from the same origin (api/local/addin-server.ts locally, the stack's bucket on
 * AWS): where the API is and how people sign in, so nobody types an address or a pool id.
 */
export const PaneConfig = z.object({
  apiUrl: z.url(),
  signIn: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("local") }),
    z.object({
      mode: z.literal("cognito"),
      region: z.string().min(1),
      userPoolId: z.string().min(1),
      clientId: z.string().min(1),
      /** Only for a stand-in user pool in tests; on AWS the region's Cognito endpoint. */
      endpoint: z.url().optional(),
    }),
  ]),
});
export type PaneConfig = z.infer<typeof PaneConfig>;
