// Clerk accounts for every unit of a plan in one step: a user name proposed for each from the plan's unit
// directory, which the admin may change before anything is created.
import type { Unit } from "../plan/schema";
import { Username } from "./person";

export interface ProposedAccount {
  unit: string;
  username: string;
}

/**
 * The unit's name (or its shortest alias when that is shorter) with what a user name may not hold dropped:
 * 区住房和城乡建设局（区人防办） → 区住房和城乡建设局区人防办. A second account of a unit gets 2, a third 3 ….
 * Names already `taken` (existing accounts) are skipped, so a second run proposes only new names.
 */
export function proposeUnitAccounts(units: Unit[], perUnit: number, taken: Iterable<string>): ProposedAccount[] {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  const proposals: ProposedAccount[] = [];
  for (const unit of units) {
    const base = baseName(unit);
    for (let n = 1, made = 0; made < perUnit; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      if (used.has(candidate)) continue;
      used.add(candidate);
      proposals.push({ unit: unit.name, username: candidate });
      made++;
    }
  }
  return proposals;
}

function baseName(unit: Unit): string {
  const names = [unit.name, ...unit.aliases].map(clean).filter((name) => Username.safeParse(name).success);
  const shortest = names.reduce<string | undefined>((best, name) => (best === undefined || name.length < best.length ? name : best), undefined);
  return shortest ?? `unit${Math.abs(hash(unit.name))}`;
}

const clean = (name: string) => name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}._-]/gu, "");

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) | 0;
  return h;
}
