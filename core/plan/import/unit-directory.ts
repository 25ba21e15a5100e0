import type { Task, Unit } from "../schema";
import { unitKey } from "../unit-directory";

const PREFIX = /^(?:高新区|区|市)/;

/** "经发局" is a short form of "经济发展局": same first and last character, every character in order. */
function isShortFormOf(short: string, long: string): boolean {
  if (short.length < 3 || short.length >= long.length || short[0] !== long[0] || short.at(-1) !== long.at(-1)) return false;
  let at = 0;
  for (const ch of long) if (ch === short[at]) at++;
  return at === short.length;
}

/**
 * Every unit the tasks name, once, with the other ways the document names it as aliases ("税务局" and
 * "高新区税务局"), then the units the cover letter is addressed to. The first spelling met is the canonical name.
 */
export function buildUnitDirectory(
  tasks: readonly Task[],
  recipients: readonly string[] = [],
): { units: Unit[]; canonical: (name: string) => string } {
  const units: Unit[] = [];
  const byKey = new Map<string, Unit>();
  const byCore = new Map<string, Unit>();
  const core = (name: string) => unitKey(name).replace(PREFIX, "");
  // Units the letter is sent to carry every 各单位 task even when no task names them.
  for (const names of [...tasks.map((t) => [...t.lead, ...t.support]), recipients]) {
    for (const name of names) {
      if (byKey.has(unitKey(name))) continue;
      // Short forms are looked for among a plan's usual few dozen units; a document naming thousands is not a
      // plan, and comparing every pair of its names would make the import quadratic.
      const same =
        byCore.get(core(name)) ??
        (units.length <= 300 ? units.find((u) => [u.name, ...u.aliases].some((n) => isShortFormOf(core(n), core(name)) || isShortFormOf(core(name), core(n)))) : undefined);
      if (same) same.aliases.push(name);
      else units.push({ name, aliases: [] });
      const unit = same ?? units[units.length - 1]!;
      byKey.set(unitKey(name), unit);
      if (!byCore.has(core(name))) byCore.set(core(name), unit);
    }
  }
  return { units, canonical: (name) => byKey.get(unitKey(name))?.name ?? name };
}
