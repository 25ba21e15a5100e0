// Checking a signature costs more than everything else a GET /plans does (a fraction of a millisecond, on every
// request), and a person sends the same token for hours. So a token that verified is remembered, by its exact
// text, until its own exp or for ten minutes, whichever comes first; a token that failed is never remembered.
import type { Principal, TokenVerifier } from "./principal";

const REMEMBER_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

/** When the token says it expires, in ms; its payload is authentic once the verifier accepted it. */
function expiresAt(token: string): number {
  try {
    const exp = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")).exp;
    return typeof exp === "number" ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

export function rememberingVerifier(verifier: TokenVerifier): TokenVerifier {
  const remembered = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const now = Date.now();
      const hit = remembered.get(token);
      if (hit && hit.until > now) return hit.principal;
      remembered.delete(token);
      const principal = await verifier.verify(token);
      // Oldest first out: a Map iterates in insertion order.
      if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
      remembered.set(token, { principal, until: Math.min(expiresAt(token), now + REMEMBER_MS) });
      return principal;
    },
  };
}
