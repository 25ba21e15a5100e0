// Who and by when, as prose states it: a trailing "（责任单位：…）" or "（X牵头，Y配合，6月底前）", labelled fields
// inline or on lines of their own ("牵头单位：…；配合单位：…；完成时限：…"), or a lead-in ("市发展改革委牵头，各区政府负责：…").
import { TIME_HINT } from "../../deadline/grammar";
import type { RawTask } from "../raw-task";

export interface Fields {
  units: RawTask["units"];
  deadline?: string;
}

const LEAD_LABEL = "牵头单位|牵头部门|牵头科室|牵头处室|主办单位|主责单位";
const SUPPORT_LABEL = "配合单位|配合部门|配合科室|协办单位|协同单位|参与单位|协助单位";
const RESPONSIBLE_LABEL = "责任单位|责任部门|责任科室|责任处室|落实单位|承办单位|实施单位|负责单位|责任主体";
const DEADLINE_LABEL = "完成时限|时限要求|完成时间|时间节点|完成期限|时间要求|时限|时间安排";
const ANY_LABEL = `${LEAD_LABEL}|${SUPPORT_LABEL}|${RESPONSIBLE_LABEL}|${DEADLINE_LABEL}`;

/** A line that is only labelled fields: "牵头单位：市发展改革委" or "牵头单位：X；配合单位：Y". */
export const FIELD_LINE = new RegExp(`^(?:${ANY_LABEL})\\s*[:：]`);
const LABEL_AT = new RegExp(`(?:${ANY_LABEL})\\s*[:：]`, "g");

const UNIT_END = /(?:局|办|委|厅|部|室|科|处|中心|政府|单位|部门|街道|镇|乡|办公室|分局|公司|院|会|站|所|队|组|区|县|市|馆|台|社|团|行|支队|大队|指挥部)(?:[（(][^）)]*[)）])?$/;
const UNIT_WORDS = /牵头|配合|负责|参与|协助|落实|按职责/;

function roleOfLabel(label: string): "lead" | "support" | "combined" | "deadline" {
  if (new RegExp(`^(?:${LEAD_LABEL})$`).test(label)) return "lead";
  if (new RegExp(`^(?:${SUPPORT_LABEL})$`).test(label)) return "support";
  if (new RegExp(`^(?:${RESPONSIBLE_LABEL})$`).test(label)) return "combined";
  return "deadline";
}

function add(fields: Fields, role: "lead" | "support" | "combined" | "deadline", value: string): void {
  const text = value.replace(/^[\s，,；;。]+|[\s，,；;。]+$/g, "");
  if (!text) return;
  if (role === "deadline") fields.deadline = fields.deadline ? `${fields.deadline}；${text}` : text;
  else fields.units[role] = fields.units[role] ? `${fields.units[role]}、${text}` : text;
}

/** Labelled fields in a piece of text: "牵头单位：X；配合单位：Y；完成时限：Z". */
export function labelledFields(text: string, into: Fields = { units: {} }): Fields {
  const marks = [...text.matchAll(LABEL_AT)];
  marks.forEach((mark, i) => {
    const label = mark[0].replace(/\s*[:：]$/, "");
    const end = marks[i + 1]?.index ?? text.length;
    add(into, roleOfLabel(label), text.slice(mark.index + mark[0].length, end));
  });
  return into;
}

const has = (fields: Fields) => Boolean(fields.units.lead || fields.units.support || fields.units.combined || fields.deadline);

/** The pieces of an unlabelled "（X牵头，Y配合，2022年6月底前完成）": units, a deadline, or neither. */
function unlabelled(content: string): Fields | undefined {
  const fields: Fields = { units: {} };
  const pieces = content.split(/[；;，,]/).map((p) => p.trim()).filter(Boolean);
  let unitPieces = 0;
  for (const piece of pieces) {
    const labelled = FIELD_LINE.exec(piece);
    if (labelled) {
      labelledFields(piece, fields);
      if (!/时限|时间/.test(labelled[0])) unitPieces++;
      continue;
    }
    if (UNIT_WORDS.test(piece) || (UNIT_END.test(piece.split("、").at(-1)!) && !TIME_HINT.test(piece))) {
      add(fields, "combined", piece);
      unitPieces++;
    } else if (TIME_HINT.test(piece) || /持续|常态|长期|全年|年内|季度|半年/.test(piece)) add(fields, "deadline", piece);
    else return undefined; // "（试行）", "（2022—2025年）": part of the sentence
  }
  return unitPieces > 0 || (fields.deadline && pieces.some((p) => FIELD_LINE.test(p))) || (fields.deadline && pieces.length === 1 && /前|内|底|末|持续|长期|常态|季度|半年|全年/.test(fields.deadline)) ? fields : undefined;
}

/** The last bracketed group, when it closes the text: its content and where it starts. */
function trailingGroup(text: string): { content: string; start: number } | undefined {
  const end = text.replace(/[\s。；;.]+$/, "");
  if (!/[)）]$/.test(end)) return undefined;
  let depth = 0;
  for (let i = end.length - 1; i >= 0 && i >= end.length - 400; i--) {
    const ch = end[i]!;
    if (ch === ")" || ch === "）") depth++;
    else if (ch === "(" || ch === "（") {
      depth--;
      if (depth === 0) return { content: end.slice(i + 1, -1).trim(), start: i };
    }
  }
  return undefined;
}

// "市发展改革委牵头，各区政府负责：" / "由市教育局牵头，各学校配合，" at the start of an item.
const LEAD_IN = /^(?:由)?([^，,。：:；;（(]{2,40}?(?:牵头|负责|主责))(?:[，,、]\s*([^，,。：:；;]{2,60}?(?:配合|负责|参与|落实|协助|协同)))?\s*[：:]/;

/**
 * The text of an item without its fields, and the fields. What is read from the text is taken out of it; an
 * item with none of them keeps its text whole and gets empty fields.
 */
export function splitFields(text: string, options: { leadIn?: boolean } = {}): { text: string; fields: Fields } {
  const fields: Fields = { units: {} };
  let body = text;
  const group = trailingGroup(body);
  if (group) {
    const labelled = FIELD_LINE.test(group.content) ? labelledFields(group.content) : undefined;
    const read = labelled && has(labelled) ? labelled : unlabelled(group.content);
    if (read && has(read)) {
      Object.assign(fields.units, read.units);
      if (read.deadline) fields.deadline = read.deadline;
      body = body.slice(0, group.start);
    }
  }
  if (!has(fields)) {
    const first = LABEL_AT.exec(body);
    LABEL_AT.lastIndex = 0;
    // Inline fields after the sentence: "…公开。牵头单位：X；配合单位：Y；完成时限：Z。"
    if (first && first.index > 0 && /[。；;，,\s]$/.test(body.slice(0, first.index))) {
      labelledFields(body.slice(first.index), fields);
      body = body.slice(0, first.index);
    }
  }
  if (!has(fields) && options.leadIn !== false) {
    const lead = LEAD_IN.exec(body);
    if (lead && UNIT_END.test(lead[1]!.replace(/(?:牵头|负责|主责)$/, ""))) {
      add(fields, "combined", lead[2] ? `${lead[1]}，${lead[2]}` : lead[1]!);
      body = body.slice(lead[0].length);
    }
  }
  return { text: body.replace(/[\s；;，,]+$/, "").trim(), fields };
}

export { has as hasFields };
