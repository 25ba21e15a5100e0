// Served in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js: installs `Office` and
// `Excel` over an in-memory workbook, draws it beside the pane, and lets the test read the sync counts.
import { RequestContext, ExcelDoubleError, runBatch, type RunRecord } from "./excel";
import { WorkbookModel, coerceInput, displayText, formatAddress, key, parseAddress, type CellValue } from "./model";
import { renderWorkbook, type EditRequest } from "./render";

const model = new WorkbookModel();
const runs: RunRecord[] = [];
/** Where a saved workbook is kept between page loads: reloading the page is closing Excel and opening the file. */
const SAVED_KEY = "__workbookDouble.saved";
const savedFile = localStorage.getItem(SAVED_KEY);
if (savedFile) model.open(savedFile);
/** Workbooks the add-in opened with Excel.createWorkbook, as the base64 .xlsx it handed over. */
const openedWorkbooks: string[] = [];

/** Excel's enums are strings named like their keys with a capital first letter (ChartType.columnClustered → "ColumnClustered"). */
const enumProxy = new Proxy({}, { get: (_t, name) => (typeof name === "string" ? name[0]!.toUpperCase() + name.slice(1) : undefined) });

const Excel = new Proxy(
  {
    /** Excel.run(batch) or Excel.run(options, batch), as Office.js has both. */
    async run<T>(first: ((context: RequestContext) => Promise<T>) | { delayForCellEdit?: boolean }, second?: (context: RequestContext) => Promise<T>): Promise<T> {
      return typeof first === "function" ? runBatch(model, runs, {}, first) : runBatch(model, runs, first, second!);
    },
    async createWorkbook(base64?: string): Promise<void> {
      openedWorkbooks.push(base64 ?? "");
    },
    RequestContext,
    Error: ExcelDoubleError,
    ErrorCodes: { itemNotFound: "ItemNotFound", itemAlreadyExists: "ItemAlreadyExists", invalidArgument: "InvalidArgument" },
  },
  { get: (target, name) => (name in target ? target[name as keyof typeof target] : enumProxy) },
);


const Office = {
  HostType: { Excel: "Excel" },
  PlatformType: { OfficeOnline: "OfficeOnline" },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    callback?.(info);
    return Promise.resolve(info);
  },
  context: {
    displayLanguage: "zh-CN",
    contentLanguage: "zh-CN",
    requirements: {
      isSetSupported(name: string, version?: string) {
        return name === "ExcelApi" && Number((version ?? "1.1").split(".")[1]) <= model.excelApi;
      },
    },
    document: {
      settings: {
        get: (name: string) => model.settings.get(name) ?? null,
        set: (name: string, value: unknown) => void model.settings.set(name, value),
        remove: (name: string) => void model.settings.delete(name),
        saveAsync: (callback?: (r: { status: string }) => void) => callback?.({ status: "succeeded" }),
      },
    },
  },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
};

/** What the e2e test reads and drives through page.evaluate (as `window.__workbookDouble`). */
export type WorkbookDoubleHook = typeof testHook;

const testHook = {
  model,
  runs,
  openedWorkbooks,
  /** Sync counts of the Excel.run calls since `from` (an index into runs). */
  syncsSince(from: number) {
    return runs.slice(from).map((r) => ({ syncs: r.syncs, trailingFlush: r.trailingFlush }));
  },
  /** A person typing into a cell: coerced as Excel would, the grid redrawn. */
  type(address: string, text: string) {
    const parsed = parseAddress(address);
    const sheet = model.sheet(parsed.sheet ?? model.activeSheet);
    if (!sheet) throw new Error(`no sheet in ${address}`);
    applyEdit({ sheet: sheet.name, row: parsed.box.row, col: parsed.box.col, text });
  },
  /** A person pasting a block copied from elsewhere at `address` (its top-left cell): each cell as if typed. */
  paste(address: string, block: string[][]) {
    const parsed = parseAddress(address);
    const sheet = model.sheet(parsed.sheet ?? model.activeSheet);
    if (!sheet) throw new Error(`no sheet in ${address}`);
    const { row, col } = parsed.box;
    block.forEach((line, r) =>
      line.forEach((text, c) => {
        const format = model.cell(sheet, row + r, col + c).numberFormat;
        model.writeCell(sheet, row + r, col + c, { formula: undefined, ...coerceInput(text, format) });
      }),
    );
    model.selection = { sheet: sheet.name, box: { row, col, rows: block.length, cols: Math.max(1, ...block.map((l) => l.length)) } };
    model.changed();
  },
  /** One cell as the person sees it: value, shown text, fill, its note and its threaded comment. */
  cell(address: string) {
    const parsed = parseAddress(address);
    const sheet = model.sheet(parsed.sheet ?? model.activeSheet);
    if (!sheet) return undefined;
    const cell = model.cell(sheet, parsed.box.row, parsed.box.col);
    const at = key(parsed.box.row, parsed.box.col);
    return { value: cell.value, text: displayText(cell), fill: cell.fill, note: sheet.notes.get(at), comment: sheet.comments.get(at) };
  },
  /** A colleague (another Office account) leaves a threaded comment on a cell. */
  comment(address: string, content: string, author: string) {
    const parsed = parseAddress(address);
    const sheet = model.sheet(parsed.sheet ?? model.activeSheet)!;
    sheet.comments.set(key(parsed.box.row, parsed.box.col), { content, author });
    model.changed();
  },
  /** The clerk right-clicks a cell and writes a note. */
  note(address: string, content: string) {
    const parsed = parseAddress(address);
    const sheet = model.sheet(parsed.sheet ?? model.activeSheet)!;
    sheet.notes.set(key(parsed.box.row, parsed.box.col), content);
    model.changed();
  },
  /** The clerk filters a table on one column (by its header) to these values, as the table's drop-down does. */
  filter(sheetName: string, header: string, values: string[]) {
    const table = model.tables.find((t) => t.sheet === sheetName)!;
    const sheet = model.sheet(sheetName)!;
    const column = Array.from({ length: table.box.cols }, (_, c) => displayText(model.cell(sheet, table.box.row, table.box.col + c))).indexOf(header);
    table.filter = { column, values };
    model.changed();
  },
  /** Ctrl+S: the file now holds the workbook as it is; reloading the page opens it again. */
  save() {
    localStorage.setItem(SAVED_KEY, model.saved());
  },
  /** The ExcelApi set this Excel has, as its minor number (notes need 18). */
  setExcelApi(version: number) {
    model.excelApi = version;
  },
  /** The task pane's width, as the person drags it (Excel's is 320 px at first). */
  setPaneWidth(px: number) {
    document.documentElement.style.setProperty("--pane-width", `${px}px`);
  },
  editing() {
    return model.editing;
  },
  /** The selected range's address, e.g. "'台账'!J4". */
  selection() {
    return model.selection && formatAddress(model.selection.sheet, model.selection.box);
  },
  /**
   * Opens a workbook the unit already keeps, as Excel shows a file: sheets in order, each cell a value with its
   * number format (dates as serials under a date format), merged areas ("A3:A4"), and the sheet that is open.
   */
  open(sheets: Array<{ name: string; cells: Array<Array<{ value: CellValue; numberFormat?: string } | null>>; merges: string[] }>, active: string) {
    model.settings.clear();
    model.sheets = [];
    model.tables = [];
    for (const spec of sheets) {
      const sheet = model.addSheet(spec.name);
      spec.cells.forEach((line, r) => line.forEach((cell, c) => {
        if (cell && cell.value !== "") model.writeCell(sheet, r, c, { value: cell.value, numberFormat: cell.numberFormat ?? "General" });
      }));
      for (const address of spec.merges) model.merge(sheet, parseAddress(address).box);
    }
    model.activeSheet = active;
    model.changed();
  },
  values(sheetName: string) {
    const sheet = model.sheet(sheetName);
    if (!sheet) return undefined;
    const box = model.usedBox(sheet, true);
    if (!box) return [];
    return Array.from({ length: box.rows }, (_, r) =>
      Array.from({ length: box.cols }, (_, c) => model.cell(sheet, box.row + r, box.col + c).value),
    );
  },
};

/** Typing goes straight into the model, like a person in Excel: no Excel.run, so no sync is counted. */
function applyEdit(edit: EditRequest): void {
  const sheet = model.sheet(edit.sheet)!;
  const format = model.cell(sheet, edit.row, edit.col).numberFormat;
  model.writeCell(sheet, edit.row, edit.col, { formula: undefined, ...coerceInput(edit.text, format) });
  model.selection = { sheet: sheet.name, box: { row: edit.row, col: edit.col, rows: 1, cols: 1 } };
  model.changed();
}

Object.assign(globalThis, { Office, Excel, OfficeExtension: { Error: ExcelDoubleError }, __workbookDouble: testHook });

const start = () => renderWorkbook(model, applyEdit);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
