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
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { [UNIT_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
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
        "MFA (TOTP) is offered but not required: clerks obtain their ID token with the password flow the README documents, " +
        "which has no second-factor step yet. Accounts are admin-created only and passwords need 12 characters of four kinds.",
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

    this.client = this.userPool.addClient("Pane", {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      idTokenValidity: Duration.hours(12),
      accessTokenValidity: Duration.hours(12),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(UNIT_ATTRIBUTE),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }
}
