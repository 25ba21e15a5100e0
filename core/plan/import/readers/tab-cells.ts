import type { LayoutReading, RawTask } from "../raw-task";
import { cleanCell, ITEM_NUMBER, normalizeHeading } from "../text";

// Seeds 001 and 003: a table converted to one cell per line, each cell a line that starts with a tab, a cell's
// own line breaks as lines without the tab, page headers repeated, and attachments (附件1, 附件2 …) one after another.

interface Cell {
  text: string;
  line: number;
}

const HEADER_WORDS = new Set([
  "序号", "工作要求", "工作任务", "具体任务", "具体要求", "责任科室(单位)", "责任科室（单位）", "责任单位", "责任科室",
  "牵头落实单位", "完成时限", "时限要求", "分管领导", "市直部门", "牵头公开内容", "要求", "高新区责任部门",
]);
const ATTACHMENT = /^\s*附件\s*(\d+)\s*$/;

interface Part {
  attachment?: number;
  title?: string;
  header: string[];
  cells: Cell[];
}

/** Cells grouped by attachment, the header of each part taken out (and its repeats on later pages dropped). */
function partsOf(lines: readonly string[]): Part[] {
  const parts: Part[] = [];
  let part: Part | undefined;
  let pendingAttachment: number | undefined;
  let pendingTitle: string | undefined;
  let headerRun: string[] = [];
  const flushHeaderRun = () => {
    if (headerRun.length >= 3) {
      if (!part || (part.header.length > 0 && part.header.join() !== headerRun.join()) || pendingAttachment !== undefined) {
        part = { attachment: pendingAttachment, title: pendingTitle, header: headerRun, cells: [] };
        parts.push(part);
        pendingAttachment = undefined;
        pendingTitle = undefined;
      }
    } else if (part) {
      for (const text of headerRun) part.cells.push({ text, line: -1 });
    }
    headerRun = [];
  };
  lines.forEach((raw, index) => {
    const attachment = ATTACHMENT.exec(raw);
    if (attachment) {
      flushHeaderRun();
      pendingAttachment = Number(attachment[1]);
      pendingTitle = undefined;
      part = undefined;
      return;
    }
    if (!raw.startsWith("\t")) {
      const text = cleanCell(raw);
      if (!text) return;
      if (pendingAttachment !== undefined && !part) {
        pendingTitle ??= text;
        return;
      }
      // A line without the tab continues the cell above (a cell broken over lines: "办公室、各单位" … "办理").
      const last = part?.cells[part.cells.length - 1];
      if (last) last.text += text;
      return;
    }
    const text = cleanCell(raw);
    if (HEADER_WORDS.has(text)) {
      headerRun.push(text);
      return;
    }
    if (headerRun.length) flushHeaderRun();
    if (!part) {
      // Cells before any header (a layout we do not know) are ignored; the report says no tasks were found.
      return;
    }
    part.cells.push({ text, line: index + 1 });
  });
  flushHeaderRun();
  return parts;
}

/** Rows of a part: at each 序号 when the table has one, else every header-width cells. */
function rowsOf(part: Part): Cell[][] {
  const rows: Cell[][] = [];
  if (part.header[0] === "序号") {
    for (const cell of part.cells) {
      if (/^\d{1,3}$/.test(cell.text) || rows.length === 0) rows.push([cell]);
      else rows[rows.length - 1]!.push(cell);
    }
    return rows;
  }
  for (let i = 0; i < part.cells.length; i += part.header.length) rows.push(part.cells.slice(i, i + part.header.length));
  return rows;
}

function readTaskTable(part: Part, reading: LayoutReading): void {
  const numbered = part.header[0] === "序号";
  const hasDeadline = part.header.some((h) => h === "完成时限" || h === "时限要求");
  // Empty cells under the same heading stand for merged cells in every column but the requirement itself.
  let previous: { headings: string[]; units: string; deadline: string } = { headings: [], units: "", deadline: "" };
  for (const row of rowsOf(part)) {
    const texts = row.map((c) => c.text);
    const no = numbered ? texts.shift()! : undefined;
    const deadline = hasDeadline ? texts.pop() ?? "" : "";
    const units = texts.pop() ?? "";
    const requirement = texts.pop() ?? "";
    const headingCells = texts.map(normalizeHeading);
    const newHeading = headingCells[0] !== undefined && headingCells[0] !== "";
    const headings = headingCells.map((h, i) => h || (newHeading ? "" : previous.headings[i] ?? ""));
    const line = row.find((c) => c.line > 0)?.line ?? 0;
    if (!requirement) {
      reading.warnings.push({ line, code: "empty-requirement", message: `第${line}行${no ? `序号${no}` : ""}的要求为空，未导入。` });
      continue;
    }
    const item = ITEM_NUMBER.exec(requirement);
    const number = no ?? item?.[1];
    if (!number) {
      reading.warnings.push({ line, code: "unnumbered-text", message: `第${line}行的要求没有编号，未作为任务导入：${requirement.slice(0, 30)}…` });
      continue;
    }
    const merged = {
      headings,
      units: units || (newHeading ? "" : previous.units),
      deadline: deadline || (newHeading ? "" : previous.deadline),
    };
    if (numbered && (!units || !deadline) && !newHeading) {
      const inherited = [!units && merged.units && "责任单位", !deadline && merged.deadline && "时限要求"].filter(Boolean);
      if (inherited.length)
        reading.warnings.push({ line, code: "merged-cell", message: `序号${number}的${inherited.join("、")}为空，按合并单元格沿用上一行。` });
    }
    const task: RawTask = {
      id: number,
      no: number,
      section: headings[0] ?? "",
      category: headings[1] || undefined,
      text: numbered ? requirement : requirement.slice(item![0].length),
      unitsText: numbered ? merged.units : units,
      deadlineText: hasDeadline ? (numbered ? merged.deadline : deadline) : undefined,
      line,
    };
    reading.tasks.push(task);
    previous = merged;
  }
}

/** 附件2 of seed 003 lists the city departments' own disclosure work and the local unit answering for each. */
function reportUpstreamList(part: Part, reading: LayoutReading): void {
  const localColumn = part.header.indexOf("高新区责任部门");
  let department = "";
  let local = "";
  for (const row of rowsOf(part)) {
    const texts = row.map((c) => c.text);
    const line = row.find((c) => c.line > 0)?.line ?? 0;
    if (texts[0]) {
      department = texts[0];
      local = texts[localColumn] ?? "";
    } else if (texts[localColumn]) local = texts[localColumn]!;
    const content = texts[1] ?? "";
    reading.warnings.push({
      line,
      code: "upstream-item",
      message: `附件${part.attachment ?? ""}「${part.title ?? "市直部门牵头工作"}」：${department}牵头的「${content}」由${local || "（未写明）"}对接，不是本方案的编号任务，未作为任务导入，请在方案中人工确认是否需要列入台账。`,
    });
  }
}

export function readTabCells(lines: readonly string[]): LayoutReading {
  const reading: LayoutReading = { tasks: [], warnings: [] };
  for (const part of partsOf(lines)) {
    if (part.header.includes("高新区责任部门") || part.header.includes("市直部门")) reportUpstreamList(part, reading);
    else if (part.header.includes("分管领导")) {
      reading.warnings.push({
        line: part.cells[0]?.line ?? 0,
        code: "ledger-template",
        message: `附件${part.attachment ?? ""}「${part.title ?? ""}」是台账样式（${part.header.join("、")}），不是任务，未导入。`,
      });
    } else readTaskTable(part, reading);
  }
  return reading;
}
