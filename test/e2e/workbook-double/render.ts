// Draws the double's workbook as an Excel-like grid on the left of the page, the task pane on the right,
// so screenshots show the sheet the pane is working on. Double-click a cell to type, as in Excel.
import { conditionalFill } from "./report-looks";
import { WorkbookModel, columnLetters, displayText, contains, type SheetModel } from "./model";

export interface EditRequest {
  sheet: string;
  row: number;
  col: number;
  text: string;
}

/** The task pane's width by default; the test hook's setPaneWidth changes --pane-width. */
const PANE_WIDTH = "var(--pane-width, 350px)";
const MAX_DRAWN_ROWS = 60;
const MAX_DRAWN_COLS = 20;

const STYLE = `
  html, body { margin: 0; height: 100%; }
  body { padding-left: calc(100vw - ${PANE_WIDTH}); box-sizing: border-box; overflow-x: hidden; }
  #workbook-double { position: fixed; left: 0; top: 0; bottom: 0; width: calc(100vw - ${PANE_WIDTH} - 1px);
    border-right: 1px solid #c8c6c4; display: flex; flex-direction: column; background: #fff;
    font: 12px "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; color: #201f1e; }
  #workbook-double .wd-bar { background: #217346; color: #fff; padding: 6px 10px; font-size: 13px; }
  #workbook-double .wd-grid { flex: 1; overflow: auto; }
  #workbook-double table { border-collapse: collapse; table-layout: fixed; }
  #workbook-double th { background: #f3f2f1; color: #605e5c; font-weight: normal; border: 1px solid #d2d0ce;
    position: sticky; top: 0; z-index: 2; height: 18px; }
  #workbook-double th.wd-rowhead { position: sticky; left: 0; z-index: 1; width: 32px; }
  #workbook-double td { border: 1px solid #e1dfdd; padding: 1px 3px; height: 18px; overflow: hidden;
    white-space: nowrap; text-overflow: ellipsis; position: relative; max-width: 0; }
  #workbook-double td.wd-wrap { white-space: normal; }
  #workbook-double td.wd-merged { text-align: center; vertical-align: middle; white-space: normal; }
  #workbook-double td.wd-spill { overflow: visible; text-overflow: clip; z-index: 1; }
  #workbook-double td.wd-spill .wd-run { display: block; overflow: hidden; }
  #workbook-double tr.wd-frozen td { border-bottom: 2px solid #a19f9d; }
  #workbook-double td.wd-selected { outline: 2px solid #217346; outline-offset: -2px; }
  #workbook-double td.wd-table { border-color: #9bc2e6; }
  #workbook-double td.wd-table-head { background: #4472c4; color: #fff; font-weight: bold; }
  #workbook-double td.wd-list::after { content: "▾"; position: absolute; right: 2px; color: #8a8886; }
  #workbook-double td.wd-note::before { content: ""; position: absolute; right: 0; top: 0;
    border-left: 6px solid transparent; border-top: 6px solid #c50f1f; }
  #workbook-double td.wd-comment::before { content: ""; position: absolute; right: 0; top: 0;
    border-left: 7px solid transparent; border-top: 7px solid #7160e8; }
  #workbook-double td[data-filtered]::after { content: " ▼"; color: #fff; }
  #workbook-double td input { width: 100%; border: none; font: inherit; padding: 0; outline: none; }
  #workbook-double .wd-notes { max-height: 22%; overflow: auto; border-top: 1px solid #c8c6c4; padding: 4px 8px;
    background: #fffbe6; }
  #workbook-double .wd-notes div { margin: 2px 0; }
  #workbook-double .wd-charts { padding: 4px 8px; border-top: 1px solid #c8c6c4; }
  #workbook-double .wd-tabs { display: flex; gap: 2px; background: #f3f2f1; border-top: 1px solid #c8c6c4; padding: 0 6px; }
  #workbook-double .wd-tab { padding: 4px 12px; cursor: pointer; color: #323130; }
  #workbook-double .wd-tab.wd-active { background: #fff; color: #217346; font-weight: bold; border-bottom: 2px solid #217346; }
`;

export function renderWorkbook(model: WorkbookModel, edit: (e: EditRequest) => void): void {
  const style = document.createElement("style");
  style.textContent = STYLE;
  document.head.append(style);
  const root = document.createElement("div");
  root.id = "workbook-double";
  document.body.prepend(root);

  let viewed: string | undefined;
  let scheduled = false;
  const draw = () => {
    scheduled = false;
    const sheet = model.sheet(viewed ?? model.activeSheet) ?? model.sheets[0];
    if (!sheet) return;
    root.replaceChildren(bar(), grid(model, sheet, edit), notes(sheet), charts(model, sheet), tabs(model, sheet.name, (name) => {
      viewed = name;
      draw();
    }));
    clipSpills(root);
  };
  model.onChange(() => {
    viewed = undefined;
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(draw);
    }
  });
  draw();
}

function bar(): HTMLElement {
  const div = document.createElement("div");
  div.className = "wd-bar";
  div.textContent = "Excel（测试替身）";
  return div;
}

function grid(model: WorkbookModel, sheet: SheetModel, edit: (e: EditRequest) => void): HTMLElement {
  const used = model.usedBox(sheet, false);
  const rows = Math.min(MAX_DRAWN_ROWS, Math.max(20, (used ? used.row + used.rows : 0) + 3));
  const cols = Math.min(MAX_DRAWN_COLS, Math.max(8, (used ? used.col + used.cols : 0) + 1));
  const tables = model.tables.filter((t) => t.sheet === sheet.name);
  const listBoxes = sheet.validations.filter((v) => JSON.stringify(v.rule).includes("list")).map((v) => v.box);
  const selection = model.selection?.sheet === sheet.name ? model.selection.box : undefined;

  const wrap = document.createElement("div");
  wrap.className = "wd-grid";
  const table = document.createElement("table");
  const colgroup = document.createElement("colgroup");
  colgroup.append(Object.assign(document.createElement("col"), { style: "width:32px" }));
  for (let c = 0; c < cols; c++) {
    const points = sheet.columnWidths.get(c) ?? 48;
    colgroup.append(Object.assign(document.createElement("col"), { style: `width:${Math.round(points * 1.1)}px` }));
  }
  table.append(colgroup);
  const head = document.createElement("tr");
  head.append(Object.assign(document.createElement("th"), { className: "wd-rowhead" }));
  for (let c = 0; c < cols; c++) head.append(Object.assign(document.createElement("th"), { textContent: columnLetters(c) }));
  table.append(head);

  const hidden = model.hiddenRows(sheet);
  for (let r = 0; r < rows; r++) {
    // A filtered table's hidden rows are not drawn, as in Excel.
    if (hidden.has(r)) continue;
    const tr = document.createElement("tr");
    if (sheet.frozenRows > 0 && r === sheet.frozenRows - 1) tr.className = "wd-frozen";
    tr.append(Object.assign(document.createElement("th"), { className: "wd-rowhead", textContent: String(r + 1) }));
    for (let c = 0; c < cols; c++) {
      // A merged area is one cell, as Excel draws it: its upper-left cell spans the rest.
      const merged = model.mergeAt(sheet, r, c);
      if (merged && (merged.row !== r || merged.col !== c)) continue;
      const cell = model.cell(sheet, r, c);
      const td = document.createElement("td");
      if (merged) {
        td.rowSpan = Math.min(merged.rows, rows - r);
        td.colSpan = Math.min(merged.cols, cols - c);
      }
      const here = { row: r, col: c, rows: 1, cols: 1 };
      td.dataset.cell = `${columnLetters(c)}${r + 1}`;
      td.textContent = displayText(cell);
      const classes: string[] = [];
      const inTable = tables.find((t) => contains(t.box, here));
      if (inTable) classes.push(r === inTable.box.row ? "wd-table-head" : "wd-table");
      if (inTable?.filter && r === inTable.box.row && c === inTable.box.col + inTable.filter.column) td.dataset.filtered = "true";
      if (cell.wrap) classes.push("wd-wrap");
      // Like Excel, text runs on over empty cells to its right (a title row reads in full), up to the next
      // cell with a value (see clipSpills).
      else if (!inTable && !merged && model.cell(sheet, r, c + 1).value === "" && !model.mergeAt(sheet, r, c + 1)) classes.push("wd-spill");
      if (listBoxes.some((b) => contains(b, here))) classes.push("wd-list");
      const note = sheet.notes.get(`${r},${c}`);
      const comment = sheet.comments.get(`${r},${c}`);
      if (note) {
        classes.push("wd-note");
        td.title = note;
      } else if (comment) {
        classes.push("wd-comment");
        td.title = `${comment.author}：${comment.content}`;
      }
      if (selection && contains(selection, here)) classes.push("wd-selected");
      if (merged) classes.push("wd-merged");
      td.className = classes.join(" ");
      const shown = cell.fill ?? conditionalFill(sheet, r, c, (row, col) => displayText(model.cell(sheet, row, col)));
      if (shown) td.style.background = shown;
      if (cell.bold) td.style.fontWeight = "bold";
      if (cell.fontColor) td.style.color = cell.fontColor;
      // A click selects the cell, as in Excel (what the pane then reads with getSelectedRange), and ends an edit
      // open in another cell. The mark moves in place, without a redraw, so a double-click that follows still lands
      // on this cell's editor.
      td.addEventListener("mousedown", () => {
        if (!td.querySelector("input")) openEdit?.();
      });
      td.addEventListener("click", () => {
        model.selection = { sheet: sheet.name, box: { row: r, col: c, rows: 1, cols: 1 } };
        for (const marked of table.querySelectorAll("td.wd-selected")) marked.classList.remove("wd-selected");
        td.classList.add("wd-selected");
      });
      td.addEventListener("dblclick", () => startEditing(model, td, sheet.name, r, c, edit));
      tr.append(td);
    }
    table.append(tr);
  }
  wrap.append(table);
  return wrap;
}

/** Text running on to the right is cut where the next cell with a value begins, as Excel draws it. */
function clipSpills(root: HTMLElement): void {
  for (const td of root.querySelectorAll<HTMLTableCellElement>("td.wd-spill")) {
    if (!td.textContent) continue;
    let width = td.clientWidth;
    for (let next = td.nextElementSibling; next instanceof HTMLTableCellElement && !next.textContent; next = next.nextElementSibling) {
      width += next.offsetWidth;
    }
    const run = Object.assign(document.createElement("span"), { className: "wd-run", textContent: td.textContent });
    run.style.width = `${width - 6}px`;
    td.replaceChildren(run);
  }
}

/** The cell being edited, if any: clicking another cell of the sheet ends the edit, as in Excel. */
let openEdit: (() => void) | undefined;

/**
 * Excel's cell edit mode: until Enter, Tab or a click on another cell, a batch without delayForCellEdit fails.
 * Clicking into the task pane does not end it (that is how a clerk meets InvalidOperationInCellEditMode).
 */
function startEditing(model: WorkbookModel, td: HTMLTableCellElement, sheet: string, row: number, col: number, edit: (e: EditRequest) => void): void {
  openEdit?.();
  model.startEditing();
  const input = document.createElement("input");
  input.value = td.textContent ?? "";
  td.replaceChildren(input);
  input.focus();
  input.select();
  let done = false;
  const commit = () => {
    if (done) return;
    done = true;
    openEdit = undefined;
    edit({ sheet, row, col, text: input.value });
    model.finishEditing();
  };
  openEdit = commit;
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      commit();
    }
  });
  // Focus leaving for the task pane keeps the edit open; a click on another cell ends it (see the grid).
  input.addEventListener("blur", (event) => {
    const to = event.relatedTarget;
    if (to instanceof Node && document.getElementById("workbook-double")?.contains(to)) commit();
  });
}

/** Notes (备注) and threaded comments (批注, with their author) of the sheet, listed under the grid. */
function notes(sheet: SheetModel): HTMLElement {
  const div = document.createElement("div");
  div.className = "wd-notes";
  if (sheet.notes.size === 0 && sheet.comments.size === 0) {
    div.style.display = "none";
    return div;
  }
  const place = (k: string) => {
    const [r, c] = k.split(",").map(Number) as [number, number];
    return `${columnLetters(c)}${r + 1}`;
  };
  for (const [k, text] of sheet.notes) div.append(Object.assign(document.createElement("div"), { textContent: `备注 ${place(k)}：${text}` }));
  for (const [k, comment] of sheet.comments) div.append(Object.assign(document.createElement("div"), { textContent: `批注 ${place(k)}（${comment.author}）：${comment.content}` }));
  return div;
}

function charts(model: WorkbookModel, sheet: SheetModel): HTMLElement {
  const div = document.createElement("div");
  div.className = "wd-charts";
  if (sheet.charts.length === 0) {
    div.style.display = "none";
    return div;
  }
  for (const chart of sheet.charts) {
    const title = document.createElement("div");
    title.textContent = `图表：${chart.title || chart.name}（${chart.type}）`;
    div.append(title);
    // A bar per source row, from the first numeric column: enough to see the chart follows the data.
    for (let r = chart.source.row + 1; r < chart.source.row + chart.source.rows; r++) {
      const label = displayText(model.cell(sheet, r, chart.source.col));
      const value = Number(model.cell(sheet, r, chart.source.col + 1).value) || 0;
      const line = document.createElement("div");
      // A share (0–1, shown as a percentage) gets the whole width; a count 12 px a unit.
      const share = chart.source.cols === 2 && value <= 1;
      const width = share ? value * 400 : Math.min(400, value * 12);
      line.innerHTML = `<span style="display:inline-block;width:110px">${escapeHtml(label)}</span><span style="display:inline-block;background:#4472c4;height:10px;width:${width}px"></span> ${share ? `${Math.round(value * 1000) / 10}%` : value}`;
      div.append(line);
    }
  }
  return div;
}

function tabs(model: WorkbookModel, active: string, show: (name: string) => void): HTMLElement {
  const div = document.createElement("div");
  div.className = "wd-tabs";
  for (const sheet of model.sheets) {
    const tab = document.createElement("div");
    tab.className = `wd-tab${sheet.name === active ? " wd-active" : ""}`;
    tab.dataset.sheet = sheet.name;
    tab.textContent = sheet.name;
    tab.addEventListener("click", () => show(sheet.name));
    div.append(tab);
  }
  return div;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}
