// Passwords of the local accounts: node's scrypt (memory-hard), a random salt each, the cost stored with the
// hash so a later change of cost still verifies old hashes. Nothing here ever logs or returns a password.
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { PASSWORD_POLICY, passwordProblems } from "../../core/accounts/password-policy";

/** N = 2^15, r = 8: 32 MiB and about 0.1 s per check on one core, so guessing offline costs as much. */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** "scrypt$N$r$p$salt$hash" (base64). */
export async function hashPassword(password: string, cost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/**
 * "sha256$salt$hash" for a password this server generated: 12 random characters (about 70 bits) need no
 * memory-hard function to resist guessing, and 100 accounts of a plan's units are then created in a moment
 * instead of 100 scrypt runs. Anything a person chose goes through scrypt.
 */
export function hashGeneratedPassword(password: string): string {
  const salt = randomBytes(16);
  return ["sha256", salt.toString("base64"), sha256(salt, password).toString("base64")].join("$");
}

const sha256 = (salt: Buffer, password: string) => createHash("sha256").update(salt).update(password.normalize("NFKC")).digest();

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, ...parts] = stored.split("$");
  if (scheme === "sha256" && parts.length === 2) {
    const [salt, hash] = parts as [string, string];
    // The scrypt run anyway: an account still on its generated password answers as slowly as any other.
    await verifyPassword(await unknownUserHash(), password);
    return equal(sha256(Buffer.from(salt, "base64"), password), Buffer.from(hash, "base64"));
  }
  if (scheme !== "scrypt" || parts.length !== 5) return false;
  const [N, r, p, salt, hash] = parts as [string, string, string, string, string];
  return equal(await derive(password, Buffer.from(salt, "base64"), { N: Number(N), r: Number(r), p: Number(p) }), Buffer.from(hash, "base64"));
}

const equal = (actual: Buffer, expected: Buffer) => actual.length === expected.length && timingSafeEqual(actual, expected);

/**
 * A hash of nothing anyone knows, checked when the user name does not exist, so an unknown name takes as long
 * to refuse as a wrong password and the answer time tells an attacker nothing.
 */
export function unknownUserHash(): Promise<string> {
  return (unknownHash ??= hashPassword(randomBytes(24).toString("base64")));
}
let unknownHash: Promise<string> | undefined;

// Printed on paper and typed by hand: no 0/O, 1/l/I, and no symbol a spreadsheet takes for a formula (= + - @).
const LOWER = "abcdefghijkmnpqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "#%*!?";

/** A temporary password that meets the policy, 12 characters from a cryptographic source. */
export function temporaryPassword(length = Math.max(12, PASSWORD_POLICY.minLength)): string {
  const all = LOWER + UPPER + DIGITS;
  const pick = (from: string) => from[randomInt(from.length)]!;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS), ...Array.from({ length: length - 4 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  const password = chars.join("");
  if (passwordProblems(password).length) throw new Error("temporary password misses the policy");
  return password;
}
