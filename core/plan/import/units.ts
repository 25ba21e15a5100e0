// The 牵头/配合 cell: who leads, who supports, and whether every unit carries the task.

export interface UnitCell {
  lead: string[];
  support: string[];
  allUnits: boolean;
  /** Offices named inside a unit, "区党政办（文秘科、宣传信息科）" → { 区党政办: [文秘科, 宣传信息科] }. */
  offices: Record<string, string[]>;
}

// Collective names are every unit of the plan, not a unit called that: "各单位按职责分工落实", "各科室（单位）",
// "有关职能部门", "相关部门单位", "县直各部门", "区直各单位", "市直有关部门", "各乡镇（街道）", "各区政府", "各级各部门".
const EVERY_UNIT =
  /^(?:及|由)?(?:全区|全市|全县|全省|[县区市省]直|[县区市镇]级|机关)?(?:各级|各|有关|相关|各有关|各相关|所属|其他|其余)(?:各)?(?:职能|业务|直属|责任|成员)?(?:单位|部门|科室|镇街|处室|乡镇|镇|街道|乡|区|县|县区|市县|区县|区政府|县政府|政府|委办局|机关|行政机关|处|局)(?:[(（][^)）]*[)）])?(?:单位|部门|政府|办事处)?(?:各部门|各单位)?$/;
// What follows the unit: "…承办部门具体落实…", "各部门负责做好…", "各单位按职责分工落实".
const DUTY_PHRASE = /(?:按职责分工|按职责|分工)?(?:具体)?(?:落实|负责|做好|办理|配合|参与|协助).*$/;

function splitNames(text: string): string[] {
  // Split on 、，, and on 及/和 that join two names; keep brackets together.
  const names: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && "、，,；;".includes(ch)) {
      names.push(current);
      current = "";
    } else current += ch;
  }
  names.push(current);
  return names.flatMap((n) => n.split(/(?<=[局办委科室部心所站队院会厅处])(?:及|和|与)/)).map((n) => n.trim()).filter(Boolean);
}

interface NamedUnits {
  names: string[];
  everyUnit: boolean;
  offices: Record<string, string[]>;
}

/** The names a cell lists, with "各单位"-like names read as every unit. */
export function readUnitNames(text: string): NamedUnits {
  return readNames(text.replace(/\s+/g, ""));
}

function readNames(text: string): NamedUnits {
  const result: NamedUnits = { names: [], everyUnit: false, offices: {} };
  for (let name of splitNames(text)) {
    name = name.replace(DUTY_PHRASE, "");
    if (!name) continue;
    if (EVERY_UNIT.test(name)) {
      result.everyUnit = true;
      continue;
    }
    const inner = /^(.+?)[（(]([^）)]+)[）)]$/.exec(name);
    // "区发改重大办（筹）" is a name; "区党政办（文秘科、宣传信息科）" is a unit and its offices.
    if (inner && inner[2] !== "筹") {
      name = inner[1]!;
      result.offices[name] = splitNames(inner[2]!);
    }
    if (!result.names.includes(name)) result.names.push(name);
  }
  return result;
}

/**
 * "区综治局牵头，各单位按职责分工落实" → lead [区综治局], allUnits; "村镇科牵头，计财科配合" → lead [村镇科],
 * support [计财科]; a cell without 牵头 makes all its named units lead.
 */
export function parseUnitCell(raw: string): UnitCell {
  const text = raw.replace(/\s+/g, "");
  // The last 牵头 that ends a clause: in "营商环境评价指标牵头部门牵头、…" the first one is part of a name.
  const leadMark = /牵头(?=[，,、；;]|$)/g;
  let leadAt = -1;
  for (let m = leadMark.exec(text); m; m = leadMark.exec(text)) leadAt = m.index;
  const leadPart = leadAt >= 0 ? text.slice(0, leadAt) : text;
  const supportPart = leadAt >= 0 ? text.slice(leadAt + 2).replace(/^[，,、]/, "") : "";
  const lead = readNames(leadPart);
  const support = readNames(supportPart);
  return {
    lead: lead.names,
    support: support.names.filter((n) => !lead.names.includes(n)),
    allUnits: lead.everyUnit || support.everyUnit,
    offices: { ...lead.offices, ...support.offices },
  };
}
