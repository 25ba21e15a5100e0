// Local tokens: HS256 JWTs signed with a key created under the data folder on first start. Good for one
// machine; on AWS the Cognito verifier takes its place.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { jwtVerify, SignJWT } from "jose";
import { TokenClaims } from "../../core/api/contract";
import { Principal, type TokenVerifier } from "./principal";

const ISSUER = "taizhang-local";

export async function loadOrCreateKey(dataDir: string): Promise<Uint8Array> {
  const file = join(dataDir, "jwt-hs256.key");
  try {
    return Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  } catch {
    await mkdir(dataDir, { recursive: true });
    const key = randomBytes(32);
    await writeFile(file, key.toString("base64"), { mode: 0o600, flag: "wx" }).catch(async () => undefined);
    return Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  }
}

/**
 * A token for one person (`sub`: who history names for what they do, whose idempotency keys are whose), valid
 * for `lifetime`: days, or a jose time span ("10m") for the short-lived tokens a sign-in issues. Every token
 * expires.
 */
export async function signLocalToken(key: Uint8Array, who: Principal, lifetime: number | string = 30): Promise<string> {
  const principal = Principal.parse(who);
  const expires = typeof lifetime === "number" ? `${lifetime}d` : lifetime;
  return new SignJWT({ role: principal.role, ...(principal.unit ? { unit: principal.unit } : {}), ...(principal.name ? { name: principal.name } : {}) })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(principal.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
}

export function localVerifier(key: Uint8Array): TokenVerifier {
  return {
    async verify(token) {
      // A token without an expiry or a person would be good forever for whoever holds it: refused.
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"], requiredClaims: ["exp", "sub"] });
      return Principal.parse({ ...TokenClaims.parse(payload), sub: payload.sub });
    },
  };
}
