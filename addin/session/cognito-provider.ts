// Sign-in against the Cognito user pool, straight from the pane, with the AWS SDK's Cognito client: the same
// library the API uses for the admin's calls, first-party and released weekly. It is loaded only when the pane's
// config.json says "cognito" (a separate chunk, about 75 KB gzipped), so the local stack's pane never carries it.
//
// USER_PASSWORD_AUTH (the password goes to Cognito over TLS) rather than SRP: the SDK has no SRP, the flow is
// what the stand-in user pool of the tests implements too, and the app client allows this flow and refresh only.
import {
  CognitoIdentityProviderClient, ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand,
  RespondToAuthChallengeCommand, RevokeTokenCommand, type AuthenticationResultType,
} from "@aws-sdk/client-cognito-identity-provider";
import { PASSWORD_RULE_TEXT, passwordProblems } from "../../core/accounts/password-policy";
import { OFFLINE, SignInError, expiryOf, type SignInProvider, type Tokens } from "./provider";

export interface CognitoSettings {
  region: string;
  clientId: string;
  /** A stand-in user pool in tests; the region's endpoint otherwise. */
  endpoint?: string;
}

/** Cognito's refusals as the sentence a clerk can act on. */
function refusal(error: unknown): SignInError {
  const name = (error as { name?: string }).name ?? "";
  const message = (error as { message?: string }).message ?? "";
  switch (name) {
    case "NotAuthorizedException":
      if (/disabled/i.test(message)) return new SignInError("disabled", "此账号已停用，请联系管理员。");
      if (/attempts exceeded/i.test(message)) return new SignInError("locked", "密码输错次数过多，请稍后再试，或请管理员重置密码。");
      if (/refresh token|revoked|expired/i.test(message)) return new SignInError("ended", "登录已过期或已退出，请重新登录。");
      return new SignInError("wrong", "用户名或密码不正确。");
    case "UserNotFoundException":
      return new SignInError("wrong", "用户名或密码不正确。");
    case "PasswordResetRequiredException":
      return new SignInError("invalid", "管理员已重置您的密码：请点“忘记密码”用邮件中的验证码设置新密码，或向管理员索取临时密码。");
    case "InvalidPasswordException":
      return new SignInError("invalid", `新密码不符合要求：${PASSWORD_RULE_TEXT}。`);
    case "CodeMismatchException":
      return new SignInError("invalid", "验证码不正确，请核对邮件中的验证码。");
    case "ExpiredCodeException":
      return new SignInError("invalid", "验证码已过期，请重新获取。");
    case "LimitExceededException":
    case "TooManyRequestsException":
    case "TooManyFailedAttemptsException":
      return new SignInError("locked", "尝试次数过多，请稍后再试。");
    case "InvalidParameterException":
      if (/verified email|no registered/i.test(message)) return new SignInError("invalid", "账号没有登记可用的邮箱，无法发送验证码：请请管理员重置密码。");
      return new SignInError("invalid", "填写的内容有误，请核对后重试。");
    case "TypeError":
      return new SignInError("offline", OFFLINE);
    default:
      return new SignInError("unavailable", "登录服务暂时不可用，请稍后重试。");
  }
}

export function cognitoProvider(settings: CognitoSettings): SignInProvider {
  const client = new CognitoIdentityProviderClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    // Every call here is one Cognito takes without AWS credentials: the password, the code or the token is the proof.
    credentials: { accessKeyId: "none", secretAccessKey: "none" },
    maxAttempts: 2,
  });
  const ClientId = settings.clientId;
  const send = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw refusal(error);
    }
  };
  // The API takes the ID token: it carries the groups, the unit and the name (the access token does not).
  const tokensOf = (result: AuthenticationResultType | undefined, refreshToken?: string): Tokens => {
    if (!result?.IdToken) throw new SignInError("unavailable", "登录服务没有返回登录信息，请稍后重试。");
    return { bearer: result.IdToken, refreshToken: result.RefreshToken ?? refreshToken ?? "", expiresAt: expiryOf(result.IdToken) };
  };

  return {
    mode: "cognito",
    async signIn(username, password) {
      const reply = await send(() =>
        client.send(new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } })),
      ).catch((error: SignInError) => {
        // No new password is set here, so "invalid password" can only mean a wrong one (as stand-in pools say it).
        throw error.kind === "invalid" && error.message.startsWith("新密码") ? new SignInError("wrong", "用户名或密码不正确。") : error;
      });
      if (reply.ChallengeName === "NEW_PASSWORD_REQUIRED") return { kind: "new-password", challenge: reply.Session ?? "" };
      if (reply.ChallengeName) throw new SignInError("unavailable", "此账号需要本加载项尚不支持的验证步骤，请联系管理员。");
      return { kind: "signed-in", tokens: tokensOf(reply.AuthenticationResult) };
    },
    async completeNewPassword(username, challenge, newPassword) {
      const problems = passwordProblems(newPassword);
      if (problems.length) throw new SignInError("invalid", `新密码${problems.join("、")}。`);
      const reply = await send(() =>
        client.send(
          new RespondToAuthChallengeCommand({
            ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: challenge,
            ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
          }),
        ),
      );
      return tokensOf(reply.AuthenticationResult);
    },
    async refresh(username, refreshToken) {
      const reply = await send(() =>
        client.send(
          new InitiateAuthCommand({ ClientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: refreshToken, USERNAME: username } }),
        ),
      ).catch((error: SignInError) => {
        throw error.kind === "wrong" ? new SignInError("ended", "登录已过期或已退出，请重新登录。") : error;
      });
      return tokensOf(reply.AuthenticationResult, refreshToken);
    },
    async signOut(refreshToken) {
      await send(() => client.send(new RevokeTokenCommand({ ClientId, Token: refreshToken })));
    },
    async forgotPassword(username) {
      const reply = await send(() => client.send(new ForgotPasswordCommand({ ClientId, Username: username })));
      return { kind: "code-sent", destination: reply.CodeDeliveryDetails?.Destination };
    },
    async confirmForgotPassword(username, code, newPassword) {
      await send(() => client.send(new ConfirmForgotPasswordCommand({ ClientId, Username: username, ConfirmationCode: code, Password: newPassword })));
    },
  };
}
