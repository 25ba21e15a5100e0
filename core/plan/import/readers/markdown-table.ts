import type { LayoutReading, RawTask } from "../raw-task";
import { cleanCell, normalizeHeading } from "../text";
import { splitNumberedItems } from "./split-items";

const SEPARATOR_ROW = /^\|[\s|:-]+\|$/;

function cellsOf(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, "").split("|").map((cell) => normalizeHeading(cleanCell(cell)));
}

/**
 * Seed 000's layout: a Markdown table (工作要求 | 具体任务 | 具体要求 | 牵头落实单位) whose empty cells stand for
 * merged cells, with the header row repeated on every page and several numbered requirements in one cell.
 */
export function readMarkdownTable(lines: readonly string[]): LayoutReading {
  const reading: LayoutReading = { tasks: [], warnings: [] };
  let section = "";
  let category = "";
  lines.forEach((line, index) => {
    if (!line.trim().startsWith("|") || SEPARATOR_ROW.test(line.trim())) return;
    const cells = cellsOf(line);
    if (cells.length < 4) return;
    const [sectionCell, categoryCell, requirement, units] = [cells[0]!, cells[1]!, cells[2]!, cells[cells.length - 1]!];
    if (requirement === "具体要求" || sectionCell === "工作要求") return; // the page header again
    // An empty heading cell continues the merged cell above; a new section starts its categories afresh.
    if (sectionCell) {
      section = sectionCell;
      category = categoryCell;
    } else if (categoryCell) category = categoryCell;
    const items = splitNumberedItems(requirement);
    if (items.length === 0) {
      if (requirement && section !== "总体要求")
        reading.warnings.push({ line: index + 1, code: "unnumbered-text", message: `第${index + 1}行的要求没有编号，未作为任务导入：${requirement.slice(0, 30)}…` });
      return;
    }
    for (const item of items) {
      const task: RawTask = {
        id: String(item.number),
        no: String(item.number),
        section,
        category: category || undefined,
        text: item.text,
        unitsText: units,
        line: index + 1,
      };
      reading.tasks.push(task);
    }
  });
  return reading;
}
