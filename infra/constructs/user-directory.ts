import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { PASSWORD_POLICY } from "../../core/accounts/password-policy";

/**
 * Token lifetimes, chosen, not defaulted. The API checks ID tokens offline (JWKS), so a revocation (退出登录, an
 * account disabled or moved by the admin) reaches the API only when the ID token runs out: 10 minutes, as the
 * local stack's access tokens. The pane renews silently with the refresh token, which lasts 7 days from sign-in:
 * a clerk signs in about once a week, and a lost laptop's pane stops working within a week even if nobody signs
 * it out. 10 minutes to choose a new password at first sign-in.
 */
export const TOKEN_VALIDITY = {
  idToken: Duration.minutes(10),
  accessToken: Duration.minutes(10),
  refreshToken: Duration.days(7),
  authSession: Duration.minutes(10),
};

/** The roles of api/auth/principal.ts, as Cognito groups; the ID token lists them in `cognito:groups`. */
export const ROLE_GROUPS = [
  { name: "admin", description: "管理员：导入、发布方案，管理单位" },
  { name: "office", description: "督办汇总：查看所有单位台账，审核行" },
  { name: "clerk", description: "单位联络员：维护本单位台账（单位见 custom:unit）" },
] as const;

/** The attribute api/auth/cognito-tokens.ts reads the unit from (`custom:unit` in the ID token). */
export const UNIT_ATTRIBUTE = "unit";

/**
 * Who may sign in: people the admin creates (no self sign-up), each in one role group, clerks with their unit.
 * The pane's client may read the unit but never write it, so a clerk cannot move themselves to another unit.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, "Users", {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      // The name is what history and the office's sheets show (张三（建设局）); an e-mail only for 忘记密码,
      // which a unit without one does through the admin's reset instead.
      standardAttributes: { email: { required: false, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: { [UNIT_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      // The same rule the local accounts and the pane's new-password form apply (core/accounts/password-policy.ts).
      passwordPolicy: {
        minLength: PASSWORD_POLICY.minLength,
        requireLowercase: PASSWORD_POLICY.requireLowercase,
        requireUppercase: PASSWORD_POLICY.requireUppercase,
        requireDigits: PASSWORD_POLICY.requireDigits,
        requireSymbols: PASSWORD_POLICY.requireSymbols,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.OFF,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      userInvitation: {
        emailSubject: "台账系统账号",
        emailBody: "您的台账系统账号已开通。用户名：{username}，临时密码：{####}。首次登录须修改密码。",
      },
      deletionProtection: true,
      // Accounts and their unit assignments outlive a redeploy of the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: "AwsSolutions-COG2",
      reason:
        "No MFA: the task pane's sign-in (user name and password, a new password at first sign-in) has no second-factor step yet. " +
        "Accounts are admin-created only, passwords need 10 characters of four kinds, and a stolen session lasts at most 7 days.",
    });
    Validations.of(this.userPool).acknowledge({
      id: "AwsSolutions-COG8",
      reason:
        "The Plus tier bills every monthly active user with no free allowance; a few hundred admin-created government accounts " +
        "with self sign-up off gain little from its risk-based sign-in, so the pool stays on Essentials.",
    });

    for (const [precedence, group] of ROLE_GROUPS.entries()) {
      // Lowest precedence wins when a person is in several groups, matching the app's admin > office > clerk.
      new CfnUserPoolGroup(this, `Group-${group.name}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group.name,
        description: group.description,
        precedence,
      });
    }

    // Exactly the flows addin/session/cognito-provider.ts uses: USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH (which
    // Cognito always adds). Refresh-token rotation stays off on purpose: with it on, Cognito refuses
    // REFRESH_TOKEN_AUTH for GetTokensFromRefreshToken, and it does not revoke a chain whose old token is replayed
    // (the local accounts do), so it would add a second refresh path without the protection that makes rotation
    // worth having. Revocation is on: 退出登录 (RevokeToken) and the admin's global sign-out end a refresh token.
    this.client = this.userPool.addClient("Pane", {
      generateSecret: false,
      authFlows: { userPassword: true },
      idTokenValidity: TOKEN_VALIDITY.idToken,
      accessTokenValidity: TOKEN_VALIDITY.accessToken,
      refreshTokenValidity: TOKEN_VALIDITY.refreshToken,
      authSessionValidity: TOKEN_VALIDITY.authSession,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(UNIT_ATTRIBUTE),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }
}
