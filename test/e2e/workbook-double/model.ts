// The in-memory workbook behind the Excel double: cells, formats, tables, validation, notes, comments, settings.
// Only state and address arithmetic live here; the Excel API surface is in excel.ts.

export type CellValue = string | number | boolean;

export interface Cell {
  value: CellValue;
  formula?: string;
  /** Excel's quote prefix: the cell was entered as "'…", so its value is text whatever it looks like. */
  quotePrefix?: boolean;
  numberFormat: string;
  fill?: string;
  bold?: boolean;
  fontColor?: string;
  wrap?: boolean;
}

export interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface TableModel {
  id: string;
  name: string;
  sheet: string;
  box: Box;
  style?: string;
  /** A filter on one column (0-based within the table): body rows whose value is not listed are hidden. */
  filter?: { column: number; values: string[] };
}

/** A threaded comment, and the Office account that wrote it (only that account may change its text). */
export interface CommentModel {
  content: string;
  author: string;
}

export interface ValidationModel {
  box: Box;
  rule: unknown;
}

export interface ChartModel {
  name: string;
  type: string;
  source: Box;
  title: string;
}

export interface SheetModel {
  id: string;
  name: string;
  cells: Map<string, Cell>;
  columnWidths: Map<number, number>;
  frozenRows: number;
  validations: ValidationModel[];
  /** Notes (ExcelApi 1.18), one per cell; a cell has a note or a comment, never both. */
  notes: Map<string, string>;
  comments: Map<string, CommentModel>;
  charts: ChartModel[];
  merges: Box[];
  /** Page setup as the add-in set it (Worksheet.pageLayout). */
  page: Record<string, unknown>;
  /** Rows (0-based) given a height in points, and rows autofit to their wrapped text. */
  rowHeights: Map<number, number>;
  autofitRows: Set<number>;
  /** Ranges given borders, with the edges set. */
  borders: Array<{ box: Box; edge: string; style: string }>;
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  settings = new Map<string, unknown>();
  customProperties = new Map<string, unknown>();
  activeSheet = "";
  selection: { sheet: string; box: Box } | undefined;
  /** Rows added through Table.rows.add, which the add-in should never use (co-authoring conflicts). */
  tableRowsAdded = 0;
  /**
   * The ExcelApi requirement set this Excel supports, as its minor number (18: ExcelApi 1.18), for
   * Office.context.requirements and the calls that need more. Version numbers compare part by part: 1.9 < 1.18.
   */
  excelApi = 18;
  /** The Office account the add-in runs as: the author of comments it writes. */
  me = "台账联络员";
  /** True while the person is typing in a cell (Excel's cell edit mode). */
  editing = false;
  private editEnds: Array<() => void> = [];
  private listeners = new Set<() => void>();
  private nextId = 1;

  constructor() {
    this.addSheet("Sheet1");
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Resolves when the person leaves cell edit mode (at once when not editing). */
  editEnded(): Promise<void> {
    return this.editing ? new Promise((go) => this.editEnds.push(go)) : Promise.resolve();
  }

  startEditing(): void {
    this.editing = true;
  }

  finishEditing(): void {
    this.editing = false;
    for (const go of this.editEnds.splice(0)) go();
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  id(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): SheetModel {
    if (this.sheet(name)) throw new Error(`ItemAlreadyExists: 工作表 ${name} 已存在`);
    const sheet: SheetModel = {
      id: this.id("sheet"),
      name,
      cells: new Map(),
      columnWidths: new Map(),
      frozenRows: 0,
      validations: [],
      notes: new Map(),
      comments: new Map(),
      charts: [],
      merges: [],
      page: {},
      rowHeights: new Map(),
      autofitRows: new Set(),
      borders: [],
    };
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = name;
    return sheet;
  }

  cell(sheet: SheetModel, row: number, col: number): Cell {
    return sheet.cells.get(key(row, col)) ?? { value: "", numberFormat: "General" };
  }

  writeCell(sheet: SheetModel, row: number, col: number, change: Partial<Cell>): void {
    const next = { ...this.cell(sheet, row, col), ...change };
    sheet.cells.set(key(row, col), next);
  }

  /** Merges a box as Excel does: the upper-left value stays, the other cells are emptied. */
  merge(sheet: SheetModel, box: Box): void {
    for (let r = box.row; r < box.row + box.rows; r++) {
      for (let c = box.col; c < box.col + box.cols; c++) {
        if ((r !== box.row || c !== box.col) && sheet.cells.has(key(r, c))) this.writeCell(sheet, r, c, { value: "", formula: undefined });
      }
    }
    sheet.merges = sheet.merges.filter((m) => !intersects(m, box));
    sheet.merges.push(box);
  }

  /** The merged area a cell is in, if any. */
  mergeAt(sheet: SheetModel, row: number, col: number): Box | undefined {
    return sheet.merges.find((m) => contains(m, { row, col, rows: 1, cols: 1 }));
  }

  /** 0-based rows a table's filter hides. */
  hiddenRows(sheet: SheetModel): Set<number> {
    const hidden = new Set<number>();
    for (const table of this.tables.filter((t) => t.sheet === sheet.name && t.filter)) {
      for (let r = table.box.row + 1; r < table.box.row + table.box.rows; r++) {
        const value = displayText(this.cell(sheet, r, table.box.col + table.filter!.column));
        if (!table.filter!.values.includes(value)) hidden.add(r);
      }
    }
    return hidden;
  }

  /**
   * Why Excel would refuse to shift the box's cells, or undefined when it would not: a merged area the shift
   * would split (InsertDeleteConflict), or a filtered table in the way (office-js issues 468 and 994).
   */
  shiftRefusal(sheet: SheetModel, box: Box): { code: string; message: string } | undefined {
    const reaches = (b: Box) => b.row + b.rows > box.row && b.col < box.col + box.cols && box.col < b.col + b.cols;
    const split = sheet.merges.some((m) => reaches(m) && !(m.col >= box.col && m.col + m.cols <= box.col + box.cols));
    if (split) return { code: "InsertDeleteConflict", message: "The insert or delete operation attempted resulted in a conflict." };
    if (this.tables.some((t) => t.sheet === sheet.name && t.filter && reaches(t.box))) {
      return { code: "GeneralException", message: "There was an internal error while processing the request." };
    }
    return undefined;
  }

  /**
   * Range.insert("Down") / Range.delete("Up"): the cells of the box's columns from the box down move by its
   * height (notes and validations with them). A table the box sits in grows or shrinks; one below it moves.
   */
  shiftRows(sheet: SheetModel, box: Box, direction: "down" | "up"): void {
    const by = direction === "down" ? box.rows : -box.rows;
    const inColumns = (col: number) => col >= box.col && col < box.col + box.cols;
    const moved = <T>(entries: Map<string, T>): Map<string, T> => {
      const next = new Map<string, T>();
      for (const [k, v] of entries) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        if (!inColumns(c) || r < box.row) next.set(k, v);
        else if (direction === "down") next.set(key(r + by, c), v);
        else if (r >= box.row + box.rows) next.set(key(r + by, c), v);
      }
      return next;
    };
    sheet.cells = moved(sheet.cells);
    sheet.notes = moved(sheet.notes);
    sheet.comments = moved(sheet.comments);
    // Merged areas below move whole; one the shift starts inside grows or shrinks, as whole rows do in Excel.
    sheet.merges = sheet.merges.flatMap((m) => {
      if (m.col + m.cols <= box.col || m.col >= box.col + box.cols || m.row + m.rows <= box.row) return [m];
      if (m.row >= box.row) {
        if (direction === "up" && m.row < box.row + box.rows) {
          const left = m.row + m.rows - (box.row + box.rows);
          return left > 0 ? [{ ...m, row: box.row, rows: left }] : [];
        }
        return [{ ...m, row: m.row + by }];
      }
      const overlap = Math.min(box.rows, m.row + m.rows - box.row);
      return [{ ...m, rows: Math.max(1, m.rows + (direction === "down" ? by : -overlap)) }];
    });
    for (const v of sheet.validations) {
      if (!intersects({ ...v.box, row: 0, rows: Number.MAX_SAFE_INTEGER }, box)) continue;
      if (v.box.row >= box.row) v.box = { ...v.box, row: Math.max(box.row, v.box.row + by) };
      else if (v.box.row + v.box.rows > box.row) v.box = { ...v.box, rows: Math.max(1, v.box.rows + by) };
    }
    for (const t of this.tables.filter((t) => t.sheet === sheet.name && intersects({ ...t.box, row: 0, rows: Number.MAX_SAFE_INTEGER }, box))) {
      // The header row cannot be inserted into; a box from the first body row to the last row and past it resizes the table.
      if (t.box.row >= box.row + (direction === "down" ? 0 : box.rows)) t.box = { ...t.box, row: t.box.row + by };
      else if (t.box.row < box.row && box.row < t.box.row + t.box.rows) t.box = { ...t.box, rows: Math.max(2, t.box.rows + by) };
    }
  }

  /** The workbook as a file holds it: what Ctrl+S keeps (cells, sheets, tables, the add-in's settings). */
  saved(): string {
    const sheets = this.sheets.map((sheet) => ({
      ...sheet,
      cells: [...sheet.cells],
      columnWidths: [...sheet.columnWidths],
      notes: [...sheet.notes],
      comments: [...sheet.comments],
      rowHeights: [...sheet.rowHeights],
      autofitRows: [...sheet.autofitRows],
    }));
    return JSON.stringify({ sheets, tables: this.tables, settings: [...this.settings], customProperties: [...this.customProperties], activeSheet: this.activeSheet, nextId: this.nextId });
  }

  /** Opens a saved file: everything since the save is gone, as when Excel closes a workbook without saving. */
  open(file: string): void {
    const data = JSON.parse(file);
    this.sheets = data.sheets.map((sheet: Record<string, unknown>) => ({
      ...sheet,
      cells: new Map(sheet.cells as Array<[string, Cell]>),
      columnWidths: new Map(sheet.columnWidths as Array<[number, number]>),
      notes: new Map(sheet.notes as Array<[string, string]>),
      comments: new Map(sheet.comments as Array<[string, CommentModel]>),
      rowHeights: new Map(sheet.rowHeights as Array<[number, number]>),
      autofitRows: new Set(sheet.autofitRows as number[]),
    }));
    this.tables = data.tables;
    this.settings = new Map(data.settings);
    this.customProperties = new Map(data.customProperties);
    this.activeSheet = data.activeSheet;
    this.nextId = data.nextId;
  }

  /** The smallest box holding every non-empty or formatted cell, like Worksheet.getUsedRange. */
  usedBox(sheet: SheetModel, valuesOnly: boolean): Box | undefined {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [k, c] of sheet.cells) {
      if (valuesOnly ? c.value === "" : c.value === "" && !c.fill && !c.bold && c.numberFormat === "General") continue;
      const [r, col] = k.split(",").map(Number) as [number, number];
      top = Math.min(top, r); left = Math.min(left, col); bottom = Math.max(bottom, r); right = Math.max(right, col);
    }
    for (const t of this.tables.filter((t) => t.sheet === sheet.name)) {
      top = Math.min(top, t.box.row); left = Math.min(left, t.box.col);
      bottom = Math.max(bottom, t.box.row + t.box.rows - 1); right = Math.max(right, t.box.col + t.box.cols - 1);
    }
    if (bottom < 0) return undefined;
    return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }
}

export function key(row: number, col: number): string {
  return `${row},${col}`;
}

export function columnLetters(col: number): string {
  let n = col + 1, text = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    text = String.fromCharCode(65 + rem) + text;
    n = Math.floor((n - 1) / 26);
  }
  return text;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** "A1", "B2:D9", "A:C", "3:5", optionally after "Sheet!" or "'名称'!". Returns the sheet name if given. */
export function parseAddress(address: string): { sheet?: string; box: Box } {
  const bang = address.lastIndexOf("!");
  const sheet = bang >= 0 ? address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'") : undefined;
  const ref = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
  const [first, second = first] = ref.split(":") as [string, string?];
  const a = parseRef(first), b = parseRef(second!);
  const row = Math.min(a.row ?? 0, b.row ?? 0);
  const col = Math.min(a.col ?? 0, b.col ?? 0);
  const lastRow = a.row === undefined ? MAX_ROWS - 1 : Math.max(a.row, b.row!);
  const lastCol = a.col === undefined ? MAX_COLS - 1 : Math.max(a.col, b.col!);
  return { sheet, box: { row, col, rows: lastRow - row + 1, cols: lastCol - col + 1 } };
}

function parseRef(ref: string): { row?: number; col?: number } {
  const m = /^([A-Za-z]*)(\d*)$/.exec(ref);
  if (!m || (!m[1] && !m[2])) throw new Error(`InvalidArgument: 无法识别的地址 ${ref}`);
  return {
    col: m[1] ? columnIndex(m[1]) : undefined,
    row: m[2] ? Number(m[2]) - 1 : undefined,
  };
}

export function formatAddress(sheet: string, box: Box): string {
  const quoted = /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const start = `${columnLetters(box.col)}${box.row + 1}`;
  const end = `${columnLetters(box.col + box.cols - 1)}${box.row + box.rows}`;
  return `${quoted}!${box.rows === 1 && box.cols === 1 ? start : `${start}:${end}`}`;
}

export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.row >= outer.row && inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows && inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function intersects(a: Box, b: Box): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

// Excel keeps dates as serial days since 1899-12-30; a typed "2024-05-31" becomes one, as in real Excel.
const EPOCH = Date.UTC(1899, 11, 30);

export function isoToSerial(iso: string): number | undefined {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(iso.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round((ms - EPOCH) / 86_400_000);
}

export function serialToIso(serial: number): string {
  return new Date(EPOCH + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

export function isDateFormat(format: string): boolean {
  return /[yd]/i.test(format.replace(/"[^"]*"/g, "")) && format !== "General" && format !== "@";
}

/** What Range.text shows: dates in their number format, everything else as typed. */
export function displayText(cell: Cell): string {
  if (typeof cell.value === "number" && isDateFormat(cell.numberFormat)) {
    const [y, m, d] = serialToIso(cell.value).split("-");
    if (cell.numberFormat.includes("年")) return `${Number(y)}年${Number(m)}月${Number(d)}日`;
    return `${y}-${m}-${d}`;
  }
  if (typeof cell.value === "boolean") return cell.value ? "TRUE" : "FALSE";
  // A share under a percentage format, as Excel shows it: 0.3333 under "0.0%" reads 33.3%.
  const percent = typeof cell.value === "number" ? /^0(?:\.(0+))?%$/.exec(cell.numberFormat) : null;
  if (percent) return `${((cell.value as number) * 100).toFixed(percent[1]?.length ?? 0)}%`;
  return String(cell.value);
}

/** How Excel stores what is written to a cell: numbers and dates are recognised unless the cell is text (@). */
export function coerceInput(input: unknown, numberFormat: string): Pick<Cell, "value" | "formula" | "quotePrefix"> {
  if (input === null || input === undefined) return { value: "" };
  if (typeof input === "number" || typeof input === "boolean") return { value: input };
  const text = String(input);
  // Excel takes a leading quote as the cell's quote prefix (a style flag): the value is the rest, as text.
  if (text.startsWith("'")) return { value: text.slice(1), quotePrefix: true };
  if (numberFormat === "@") return { value: text };
  if (text.startsWith("=") && text.length > 1) return { value: text, formula: text };
  if (/^[+-]?\d+(\.\d+)?$/.test(text.trim())) return { value: Number(text) };
  const serial = isoToSerial(text);
  if (serial !== undefined) return { value: serial };
  return { value: text };
}
