import { z } from "zod";
import { cognitoVerifier } from "./cognito-tokens";
import { loadOrCreateKey, localVerifier } from "./local-tokens";
import type { TokenVerifier } from "./principal";

const AuthConfig = z.discriminatedUnion("AUTH_MODE", [
  z.object({ AUTH_MODE: z.literal("cognito"), COGNITO_USER_POOL_ID: z.string().min(1), COGNITO_CLIENT_ID: z.string().min(1) }),
  z.object({ AUTH_MODE: z.literal("local"), DATA_DIR: z.string().default(".data") }),
]);

/** The token verifier the configuration names; the routes never know which one they got. */
export async function verifierFromEnv(env: Record<string, string | undefined>): Promise<TokenVerifier> {
  const config = AuthConfig.parse({ ...env, AUTH_MODE: env.AUTH_MODE ?? "local" });
  if (config.AUTH_MODE === "cognito") return cognitoVerifier(config.COGNITO_USER_POOL_ID, config.COGNITO_CLIENT_ID);
  return localVerifier(await loadOrCreateKey(config.DATA_DIR));
}
