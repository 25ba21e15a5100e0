// The one table reader: finds each header by the meaning of its words, then reads the rows under it as tasks,
// whatever the order of the columns and whatever the source (see model.ts).
import { normalizeHeading, numberingOf } from "../numbering";
import type { LayoutReading, RawTask, ReaderWarning } from "../raw-task";
import { cleanCell, halfWidth } from "../text";
import { isHeaderRow, roleOfHeader, type ColumnRole } from "./columns";
import type { SourceTable, TableRow } from "./model";
import { splitNumberedItems } from "./split-items";

/** Where each field of a task sits in its table, for the 方案 sheet's marks (0-based columns). */
export type FieldColumns = Partial<Record<"no" | "text" | "lead" | "support" | "responsible" | "allUnits" | "deadline", number>>;

export interface TableReading extends LayoutReading {
  /** The columns of the last task table read (the 方案 sheet has one). */
  columns?: FieldColumns;
  /** Row (TableRow.line) of the header of that table. */
  headerLine?: number;
}

interface Part {
  header: TableRow;
  roles: ColumnRole[];
  rows: TableRow[];
}

const sameCells = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((cell, i) => cell === b[i]);

/** Rows grouped under the header above them; a header repeated on a new page is dropped. */
function partsOf(table: SourceTable, before: TableRow[]): Part[] {
  const parts: Part[] = [];
  let part: Part | undefined;
  for (const row of table.rows) {
    if (isHeaderRow(row.cells)) {
      if (part && sameCells(row.cells, part.header.cells)) continue;
      part = { header: row, roles: row.cells.map((cell) => roleOfHeader(cell) ?? "ignored"), rows: [] };
      parts.push(part);
      continue;
    }
    if (part) part.rows.push(row);
    else before.push(row);
  }
  return parts;
}

/**
 * The role of each cell of a row. A row wider than its header (a header cell that spanned two columns in the
 * PDF) gets the extra cells as headings after the 序号; a narrower one is aligned on the right, where the task,
 * its units and its deadline are.
 */
function rolesFor(part: Part, width: number): ColumnRole[] {
  const roles = part.roles;
  if (width === roles.length) return roles;
  const lead = roles[0] === "no" ? 1 : 0;
  if (width > roles.length) return [...roles.slice(0, lead), ...Array<ColumnRole>(width - roles.length).fill("section"), ...roles.slice(lead)];
  return [...roles.slice(0, lead), ...roles.slice(roles.length - (width - lead))];
}

interface Layout {
  task: number;
  headings: number[];
  titles: number[];
  measures: number[];
  fields: FieldColumns;
}

/** Which text column is the task: the rightmost that is no 措施 column; text columns left of it are headings or titles. */
function layoutOf(roles: readonly ColumnRole[], rows: readonly TableRow[]): Layout | undefined {
  const textColumns = roles.flatMap((role, i) => (role === "text" ? [i] : []));
  const measures = roles.flatMap((role, i) => (role === "measures" ? [i] : []));
  const task = textColumns.at(-1) ?? measures.shift();
  if (task === undefined) return undefined;
  const headings: number[] = roles.flatMap((role, i) => (role === "section" || role === "category" ? [i] : []));
  const titles: number[] = [];
  for (const column of textColumns.slice(0, -1)) {
    // A heading column is blank or repeated down its merged rows; a title column names each row's task.
    let filled = 0;
    const distinct = new Set<string>();
    for (const row of rows) {
      const cell = row.cells[column] ?? "";
      if (cell && !row.fromAbove?.[column]) {
        filled++;
        distinct.add(cell);
      }
    }
    if (rows.length >= 3 && filled >= rows.length * 0.8 && distinct.size >= filled * 0.8) titles.push(column);
    else headings.push(column);
  }
  headings.sort((a, b) => a - b);
  const first = (role: ColumnRole) => {
    const i = roles.indexOf(role);
    return i >= 0 ? i : undefined;
  };
  const fields: FieldColumns = { text: task };
  for (const role of ["no", "lead", "support", "responsible", "allUnits", "deadline"] as const) {
    const i = first(role);
    if (i !== undefined) fields[role] = i;
  }
  return { task, headings, titles, measures, fields };
}

const YES = /^(?:是|√|✓|✔|Y|y|yes|Yes|YES|1|各单位|全部|全体)$/;
const ROW_NUMBER = /^[(（]?\s*(\d{1,6}(?:[.．-]\d{1,4})*)\s*[)）.．、]?$/;

/** A 序号 cell as the task's number: "12", "12.", "（12）", "1.2"; undefined for text. */
function numberOfCell(cell: string): string | undefined {
  const m = ROW_NUMBER.exec(halfWidth(cell.trim()));
  return m ? m[1]!.replace(/．/g, ".") : undefined;
}

interface Carried {
  section: string;
  category: string;
  units: Record<"combined" | "lead" | "support", string>;
  deadline: string;
}

function readTaskPart(part: Part, table: SourceTable, reading: TableReading, inherit: boolean): void {
  const width = Math.max(part.header.cells.length, ...part.rows.map((r) => r.cells.length));
  const sample = part.rows.filter((r) => r.cells.length === width);
  const baseRoles = rolesFor(part, width);
  const layout = layoutOf(baseRoles, sample.length ? sample : part.rows);
  if (!layout) return;
  const numbered = baseRoles.includes("no");
  const anyNumberInText = !numbered && part.rows.some((r) => splitNumberedItems((r.cells[layout.task] ?? "")).length > 0);
  reading.columns = layout.fields;
  reading.headerLine = part.header.line;
  let carried: Carried = { section: "", category: "", units: { combined: "", lead: "", support: "" }, deadline: "" };
  let sequence = 0;
  let previousTask: RawTask | undefined;
  let previousNo: string | undefined;

  for (const row of part.rows) {
    const roles = row.cells.length === width ? baseRoles : rolesFor(part, row.cells.length);
    const rowLayout = row.cells.length === width ? layout : layoutOf(roles, [row]) ?? layout;
    const cell = (i: number | undefined) => (i === undefined ? "" : row.cells[i] ?? "");
    const where = table.where(row.line);
    const filled = row.cells.filter(Boolean);
    if (filled.length === 0) continue;

    // A section row: one cell across the row, or every filled cell saying the same thing, with no number.
    const noCell = numbered ? cell(roles.indexOf("no")) : "";
    const number = numbered ? numberOfCell(noCell) : undefined;
    const single = new Set(filled).size === 1;
    if ((row.spanning || (single && filled.length > 1) || (single && !number && !cell(rowLayout.task))) && !number) {
      const heading = cleanCell(filled[0]!);
      const numberedHeading = numberingOf(heading);
      if (numberedHeading?.style === "（一）" || numberedHeading?.style === "（1）") carried.category = normalizeHeading(heading);
      else carried = { ...carried, section: heading, category: "" };
      carried.units = { combined: "", lead: "", support: "" };
      carried.deadline = "";
      continue;
    }
    if (single && filled.length === 1 && number && !cell(rowLayout.task)) {
      reading.warnings.push({ line: row.line, code: "empty-requirement", message: `${where}序号${number}的要求为空，未导入。` });
      continue;
    }

    // Headings: a filled first heading starts a new section (and clears its sub-heading); blank ones continue.
    const headingCells = rowLayout.headings.map((i) => normalizeHeading(cleanCell(cell(i))));
    if (!inherit && rowLayout.headings.length) {
      // Every cell typed out (the 方案 sheet): a blank 分项 is none, not the one above.
      carried.section = headingCells[0] ?? "";
      carried.category = headingCells[1] ?? "";
    } else if (headingCells[0]) {
      const newSection = headingCells[0] !== carried.section;
      carried.section = headingCells[0];
      if (newSection) {
        carried.category = headingCells[1] ?? "";
        carried.units = { combined: "", lead: "", support: "" };
        carried.deadline = "";
      } else if (headingCells[1]) carried.category = headingCells[1];
    } else if (headingCells[1]) carried.category = headingCells[1];

    const textCell = cell(rowLayout.task).trim();
    const titles = rowLayout.titles.map((i) => cleanCell(cell(i))).filter(Boolean);
    const measures = rowLayout.measures.map((i) => cleanCell(cell(i))).filter(Boolean);
    const unitCells = {
      combined: cell(rowLayout.fields.responsible),
      lead: cell(rowLayout.fields.lead),
      support: cell(rowLayout.fields.support),
    };
    const deadlineCell = cleanCell(cell(rowLayout.fields.deadline));
    const hasDeadlineColumn = rowLayout.fields.deadline !== undefined;

    // The same 序号 again from a merged cell: the row continues the task above (its text, its units).
    if (numbered && previousTask && number === previousNo && row.fromAbove?.[roles.indexOf("no")]) {
      if (textCell && !row.fromAbove?.[rowLayout.task] && !previousTask.text.includes(textCell)) previousTask.text += `；${cleanCell(textCell)}`;
      for (const key of ["combined", "lead", "support"] as const) {
        const more = unitCells[key];
        const index = rowLayout.fields[key === "combined" ? "responsible" : key];
        if (more && index !== undefined && !row.fromAbove?.[index] && !previousTask.units[key]?.includes(more)) previousTask.units[key] = [previousTask.units[key], more].filter(Boolean).join("、");
      }
      continue;
    }

    // Blank unit and deadline cells: merged with the cell above (within the section) where the table is one
    // row per numbered task, or where the source says so; a guess is reported, an explicit merge is not.
    const inherited: string[] = [];
    const units = { ...unitCells };
    let deadline = deadlineCell;
    const anyUnits = units.combined || units.lead || units.support;
    if (numbered && number && inherit) {
      // A task always has a lead, so a blank lead is the merged cell above; a blank 配合 cell may just be none.
      if (!units.combined && !units.lead && (carried.units.combined || carried.units.lead)) {
        units.combined = carried.units.combined;
        units.lead = carried.units.lead;
        inherited.push(rowLayout.fields.responsible !== undefined ? "责任单位" : "牵头单位");
      }
      if (!deadline && hasDeadlineColumn && carried.deadline) {
        deadline = carried.deadline;
        inherited.push("时限要求");
      }
    }

    const base = {
      section: carried.section,
      ...(carried.category ? { category: carried.category } : {}),
      line: row.line,
      where,
      units: { ...(units.combined ? { combined: units.combined } : {}), ...(units.lead ? { lead: units.lead } : {}), ...(units.support ? { support: units.support } : {}), ...(YES.test(cleanCell(cell(rowLayout.fields.allUnits))) ? { all: true } : {}) },
      ...(hasDeadlineColumn ? { deadlineText: deadline } : {}),
    };
    const compose = (text: string) => {
      const withTitle = titles.length ? `${titles.join("：")}：${text}` : text;
      return measures.length ? `${withTitle}${/[。；;]$/.test(withTitle) ? "" : "。"}具体措施：${measures.join("；")}` : withTitle;
    };

    if (!textCell) {
      if (number) reading.warnings.push({ line: row.line, code: "empty-requirement", message: `${where}序号${number}的要求为空，未导入。` });
      continue;
    }

    const tasks: RawTask[] = [];
    if (numbered) {
      if (!number) {
        // No 序号: the rest of a cell broken over two rows, or a requirement the table did not number.
        if (previousTask && !anyUnits && !deadlineCell) {
          previousTask.text += cleanCell(textCell);
          continue;
        }
        reading.warnings.push({ line: row.line, code: "unnumbered-text", message: `${where}的要求没有序号，未作为任务导入：${cleanCell(textCell).slice(0, 30)}…` });
        continue;
      }
      const label = numberingOf(textCell);
      const text = label && label.label === number ? label.rest : textCell;
      tasks.push({ id: number, no: noCell.trim() || number, text: compose(cleanCell(text)), ...base });
      if (inherited.length && !row.fromAbove?.some(Boolean))
        reading.warnings.push({ line: row.line, code: "merged-cell", message: `序号${number}的${inherited.join("、")}为空，按合并单元格沿用上一行。`, taskId: number });
    } else if (anyNumberInText) {
      const items = splitNumberedItems(textCell);
      if (items.length === 0) {
        reading.warnings.push({ line: row.line, code: "unnumbered-text", message: `${where}的要求没有编号，未作为任务导入：${cleanCell(textCell).slice(0, 30)}…` });
        continue;
      }
      for (const item of items) tasks.push({ id: item.label, no: item.label, text: compose(cleanCell(item.text)), ...base });
    } else {
      // A table that numbers nothing: its rows in order are its tasks.
      sequence += 1;
      tasks.push({ id: String(sequence), no: String(sequence), text: compose(cleanCell(textCell)), ...base });
      if (sequence === 1) reading.warnings.push({ line: row.line, code: "no-numbers", message: `${where}起的表格没有序号，任务按表中顺序编为 1、2、3……，请核对。` });
    }
    reading.tasks.push(...tasks);
    previousTask = tasks.at(-1);
    previousNo = number;
    carried.units = units;
    carried.deadline = deadline;
  }
}

/** A list of the upper level's own disclosure work and the local unit answering for each (seed 003's 附件2). */
function reportUpstreamList(part: Part, table: SourceTable, reading: TableReading): void {
  const upstream = part.roles.indexOf("upstream");
  const local = part.roles.indexOf("local");
  const content = part.roles.findIndex((role) => role === "text");
  const name = part.header.caption ?? "上级部门牵头工作清单";
  let department = "";
  let answering = "";
  for (const row of part.rows) {
    const cells = row.cells.map(cleanCell);
    if (cells[upstream]) {
      department = cells[upstream]!;
      answering = cells[local] ?? "";
    } else if (cells[local]) answering = cells[local]!;
    reading.warnings.push({
      line: row.line,
      code: "upstream-item",
      message: `${name}：${department}牵头的「${cells[content] ?? ""}」由${answering || "（未写明）"}对接，不是本方案的编号任务，未作为任务导入，请在方案中人工确认是否需要列入台账。`,
    });
  }
}

/** Every task table of a source, the rows before any header, and the tables that are no task list, reported. */
export function readTable(table: SourceTable, options: { inherit?: boolean } = {}): TableReading {
  const reading: TableReading = { tasks: [], warnings: [] };
  const before: TableRow[] = [];
  for (const part of partsOf(table, before)) {
    const roles = new Set(part.roles);
    if (roles.has("upstream") && roles.has("local")) reportUpstreamList(part, table, reading);
    else if (roles.has("ledger") && !roles.has("lead") && !roles.has("support")) {
      const first = part.rows.find((r) => r.cells.some(Boolean));
      reading.warnings.push({
        line: first?.line ?? part.header.line,
        code: "ledger-template",
        message: `${part.header.caption ?? "表格"}是台账样式（${part.header.cells.filter(Boolean).join("、")}），不是任务，未导入。`,
      });
    } else readTaskPart(part, table, reading, options.inherit ?? true);
  }
  for (const row of before) {
    const numbered = row.cells.map(cleanCell).find((cell) => numberingOf(cell));
    if (numbered) reading.warnings.push({ line: row.line, code: "before-header", message: `${table.where(row.line)}在表头之前，未作为任务导入：${numbered.slice(0, 30)}…` });
  }
  return reading;
}

export type { ReaderWarning };
