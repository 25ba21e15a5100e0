import type { Principal } from "../auth/principal";

/** How records name the person acting: their display name where the sign-in carries one, else their account. */
export function personName(principal: Principal): string {
  const name = (principal as Principal & { name?: unknown }).name;
  return typeof name === "string" && name.trim() ? name.trim() : principal.sub;
}
