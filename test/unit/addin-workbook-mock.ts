// A small workbook behind `Excel.run` for the addin/excel unit tests. Ranges and settings are office-addin-mock
// objects, so reading a property that was not loaded and synced fails as it does in Excel; collections are plain
// fakes (office-addin-mock cannot load "items/name"). Every context.sync() is counted.
//
// Where the add-in depends on it, it does what Excel documents (or is known to do), not what is convenient:
// - a batch run while the person is editing a cell fails with InvalidOperationInCellEditMode, unless it asked for
//   delayForCellEdit, when it waits for the edit to end (RunOptions.delayForCellEdit, ExcelApi 1.11);
// - a cell holds a note or a threaded comment, never both: adding either where one is fails the sync; only a
//   comment's author may change its text (notes: ExcelApi 1.18, reported only where `excelApi` ≥ 18);
// - values written over a filtered table land on its visible rows only, and rows of a filtered table cannot be
//   inserted or deleted (office-js issues 224, 468 and 994); Table.clearFilters shows every row again;
// - a value written into a merged area's hidden cell is not kept; inserting or deleting cells that would split a
//   merged area fails with InsertDeleteConflict; whole rows carry merged areas with them.
import { OfficeApp } from "office-addin-manifest";
import { OfficeMockObject } from "office-addin-mock";
import { columnLetter } from "../../addin/excel/cells";
import { coerceInput } from "../e2e/workbook-double/model";

type Value = string | number | boolean;
export interface MockCell { value: Value; format?: string; fill?: string; formula?: string; quotePrefix?: boolean }
interface Box { row: number; col: number; rows: number; cols: number }

/** A table; `filter` hides the body rows whose cell in that column (0-based, within the table) is not listed. */
export interface MockTable { name: string; address: string; filter?: { column: number; values: string[] } }

export class MockSheet {
  cells = new Map<string, MockCell>();
  tables: MockTable[] = [];
  validations: Array<{ address: string; rule: unknown }> = [];
  /** Merged areas, as "B3:D3". */
  merges: string[] = [];
  frozenRows = 0;
  widths = new Map<number, number>();
  charts: Array<{ name: string; type: string; source: string }> = [];
  /** Page setup as the add-in set it (Worksheet.pageLayout, ExcelApi 1.9). */
  page: Record<string, unknown> = {};
  /** 1-based rows given a height, and rows autofit to their wrapped text. */
  rowHeights = new Map<number, number>();
  autofitRows = new Set<number>();
  /** Ranges given thin lines around every cell. */
  gridLines: string[] = [];
  autoFilter: string | undefined;
  /** Conditional formats as added: the range, the kind and what was set on them. */
  conditionalFormats: Array<{ address: string; type: string; custom: { rule: { formula?: string }; format: { fill: { color?: string } } }; textComparison: { rule?: unknown; format: { fill: { color?: string } } } }> = [];
  constructor(public name: string) {}

  /** 0-based sheet rows hidden by a table's filter. */
  hiddenRows(): Set<number> {
    const hidden = new Set<number>();
    for (const table of this.tables) {
      if (!table.filter) continue;
      const box = parseBox(table.address);
      for (let r = box.row + 1; r < box.row + box.rows; r++) {
        const value = String(this.cells.get(`${r},${box.col + table.filter.column}`)?.value ?? "");
        if (!table.filter.values.includes(value)) hidden.add(r);
      }
    }
    return hidden;
  }

  /** The merged area holding a 0-based cell, if any. */
  mergeAt(row: number, col: number): Box | undefined {
    return this.merges.map(parseBox).find((m) => row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols);
  }

  /** Test shorthand: 1-based row, 0-based column. */
  cell(row: number, col: number): MockCell | undefined {
    return this.cells.get(`${row - 1},${col}`);
  }
  set(row: number, col: number, patch: Partial<MockCell>): void {
    const key = `${row - 1},${col}`;
    this.cells.set(key, { value: "", ...this.cells.get(key), ...patch });
  }
  /** Merges cells as Excel does: the top-left value stays, the others are emptied. */
  merge(address: string): void {
    const box = parseBox(address);
    for (let r = box.row; r < box.row + box.rows; r++) {
      for (let c = box.col; c < box.col + box.cols; c++) if (r !== box.row || c !== box.col) this.cells.delete(`${r},${c}`);
    }
    this.merges.push(address);
  }
  /** The values of the used area, from A1, as Excel's used range would give them. */
  grid(): Value[][] {
    const box = this.used();
    if (!box) return [];
    return Array.from({ length: box.row + box.rows }, (_, r) =>
      Array.from({ length: box.col + box.cols }, (_, c) => this.cells.get(`${r},${c}`)?.value ?? ""),
    );
  }
  used(): Box | undefined {
    let maxR = -1, maxC = -1, minR = Infinity, minC = Infinity;
    for (const [key, cell] of this.cells) {
      if (cell.value === "") continue;
      const [r, c] = key.split(",").map(Number) as [number, number];
      maxR = Math.max(maxR, r); maxC = Math.max(maxC, c); minR = Math.min(minR, r); minC = Math.min(minC, c);
    }
    return maxR < 0 ? undefined : { row: minR, col: minC, rows: maxR - minR + 1, cols: maxC - minC + 1 };
  }
}

function parseBox(range: string): Box {
  const whole = /^(\d+):(\d+)$/.exec(range.replace(/\$/g, ""));
  if (whole) return { row: Number(whole[1]) - 1, col: 0, rows: Number(whole[2]) - Number(whole[1]) + 1, cols: 16_384 };
  const [a, b = a] = range.replace(/\$/g, "").split(":") as [string, string?];
  const cell = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(m[2]) - 1, col };
  };
  const s = cell(a), e = cell(b!);
  return { row: s.row, col: s.col, rows: e.row - s.row + 1, cols: e.col - s.col + 1 };
}

const excelError = (code: string, message: string) => Object.assign(new Error(message), { code });

/**
 * Range.insert("Down") (by > 0) or delete("Up") (by < 0) over the box's columns; tables and merged areas over
 * them move, grow or shrink. As in Excel: a shift that would split a merged area fails (InsertDeleteConflict), and
 * so does one through a filtered table (office-js issues 468 and 994).
 */
function shiftRows(sheet: MockSheet, box: Box, by: number): void {
  if (by === 0) throw new Error("the mock shifts rows only");
  const inColumns = (c: number) => c >= box.col && c < box.col + box.cols;
  const merges = sheet.merges.map(parseBox);
  for (const m of merges) {
    const below = m.row + m.rows > box.row;
    const inside = m.col >= box.col && m.col + m.cols <= box.col + box.cols;
    const outside = m.col + m.cols <= box.col || m.col >= box.col + box.cols;
    if (below && !inside && !outside) throw excelError("InsertDeleteConflict", "The insert or delete operation attempted resulted in a conflict.");
  }
  for (const table of sheet.tables) {
    const t = parseBox(table.address);
    const crosses = t.col < box.col + box.cols && box.col < t.col + t.cols && t.row + t.rows > box.row;
    if (crosses && table.filter) throw excelError("GeneralException", "There was an internal error while processing the request.");
  }
  const moved = new Map<string, MockCell>();
  for (const [key, cell] of sheet.cells) {
    const [r, c] = key.split(",").map(Number) as [number, number];
    if (!inColumns(c) || r < box.row) { moved.set(key, cell); continue; }
    if (by < 0 && r < box.row + box.rows) continue; // deleted
    moved.set(`${r + by},${c}`, cell);
  }
  sheet.cells = moved;
  sheet.merges = merges.flatMap((m) => {
    if (m.col + m.cols <= box.col || m.col >= box.col + box.cols || m.row + m.rows <= box.row) return [boxRange(m)];
    if (m.row >= box.row) {
      if (by < 0 && m.row < box.row + box.rows) {
        const end = m.row + m.rows;
        const left = end - (box.row + box.rows);
        return left > 0 ? [boxRange({ ...m, row: box.row, rows: left })] : [];
      }
      return [boxRange({ ...m, row: m.row + by })];
    }
    // A merged area the shift starts inside grows or shrinks, as a whole row inserted into it does in Excel.
    return [boxRange({ ...m, rows: Math.max(1, m.rows + (by > 0 ? by : -Math.min(-by, m.row + m.rows - box.row))) })];
  });
  for (const table of sheet.tables) {
    const t = parseBox(table.address);
    if (box.row >= t.row && box.row < t.row + t.rows) {
      table.address = `${columnLetter(t.col)}${t.row + 1}:${columnLetter(t.col + t.cols - 1)}${t.row + t.rows + by}`;
    } else if (box.row < t.row) {
      table.address = `${columnLetter(t.col)}${t.row + 1 + by}:${columnLetter(t.col + t.cols - 1)}${t.row + t.rows + by}`;
    }
  }
}

const boxRange = (b: Box) => `${columnLetter(b.col)}${b.row + 1}:${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}`;

const boxAddress = (sheet: string, b: Box) =>
  `${sheet.includes(" ") ? `'${sheet}'` : sheet}!${columnLetter(b.col)}${b.row + 1}` +
  (b.rows * b.cols > 1 ? `:${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}` : "");

/** A threaded comment and the Office account that wrote it; a note (ExcelApi 1.18) has no owner. */
export interface MockComment { sheet: string; row: number; col: number; content: string; author: string }
export interface MockNote { sheet: string; row: number; col: number; content: string }

export class MockWorkbook {
  sheets: MockSheet[] = [];
  settings = new Map<string, unknown>();
  comments: MockComment[] = [];
  notes: MockNote[] = [];
  /** The Office account running the add-in: the author of what it writes, the only one who may edit it. */
  me = "张三";
  /** The ExcelApi set this Excel has, as its minor number (18: ExcelApi 1.18, with notes). */
  excelApi = 18;
  /** The options each Excel.run was called with. */
  runOptions: Array<{ delayForCellEdit?: boolean }> = [];
  private editEnds: Array<() => void> = [];
  /** True while the person is typing in a cell. */
  editing = false;
  active = "";
  selection: { sheet: string; address: string } | undefined;
  /** Excel refuses Range.getMergedAreasOrNullObject past 512 areas, and Excel before ExcelApi 1.13 lacks it. */
  mergedAreasFail = false;
  /** context.sync() calls, per Excel.run. */
  runs: number[] = [];
  /**
   * Per request (each sync, and the flush at the end of a run): bytes of the cell values and number formats it
   * carried, as JSON with every non-ASCII character a six-byte \u escape, the most Excel on the web could send.
   */
  payloads: number[] = [];

  addSheet(name: string): MockSheet {
    const sheet = new MockSheet(name);
    this.sheets.push(sheet);
    this.active ||= name;
    return sheet;
  }
  sheet(name: string): MockSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  get syncs(): number {
    return this.runs.reduce((a, b) => a + b, 0);
  }

  /** The person presses Enter: batches that waited for the edit go on. */
  stopEditing(): void {
    this.editing = false;
    for (const go of this.editEnds.splice(0)) go();
  }

  install(): void {
    type Batch = (ctx: unknown) => Promise<unknown>;
    (globalThis as Record<string, unknown>).Excel = {
      run: (first: Batch | { delayForCellEdit?: boolean }, second?: Batch) =>
        typeof first === "function" ? this.run(first, {}) : this.run(second!, first),
    };
    (globalThis as Record<string, unknown>).Office = {
      context: { requirements: { isSetSupported: (name: string, version?: string) => name === "ExcelApi" && Number((version ?? "1.1").split(".")[1]) <= this.excelApi } },
    };
  }

  private async run(batch: (ctx: unknown) => Promise<unknown>, options: { delayForCellEdit?: boolean }): Promise<unknown> {
    this.runOptions.push(options);
    if (this.editing) {
      if (!options.delayForCellEdit) throw excelError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
      await new Promise<void>((go) => this.editEnds.push(go));
    }
    const index = this.runs.push(0) - 1;
    const pending: Array<() => void> = [];
    let sent = 0;
    /** What a sync computes for the add-in to read after it (merged areas); one that throws fails the sync. */
    const reads: Array<() => void> = [];
    const mocks: Array<{ mock: OfficeMockObject; flush?: () => void }> = [];
    const queue = (op: () => void) => {
      for (const { flush } of mocks) flush?.();
      pending.push(op);
    };
    const wb = this;

    const rangeOf = (sheet: MockSheet, box: Box) => {
      // A whole-sheet range (getRange()) is never loaded for its values; do not build a million-cell snapshot.
      const huge = box.rows * box.cols > 1_000_000;
      const snapshot = (pick: (c: MockCell | undefined) => Value) => huge ? [] :
        Array.from({ length: box.rows }, (_, r) => Array.from({ length: box.cols }, (_, c) => pick(sheet.cells.get(`${box.row + r},${box.col + c}`))));
      const values = snapshot((c) => c?.value ?? "");
      const hidden = huge ? new Set<number>() : sheet.hiddenRows();
      const hiddenCount = Array.from({ length: huge ? 0 : box.rows }, (_, r) => box.row + r).filter((r) => hidden.has(r)).length;
      // Range.rowHidden: false when no row is hidden, true when all are, null when some are.
      const rowHidden = hiddenCount === 0 ? false : hiddenCount === box.rows ? true : null;
      const numberFormat = snapshot((c) => c?.format ?? "General");
      const each = (fn: (key: string) => void) => {
        for (let r = 0; r < box.rows; r++) for (let c = 0; c < box.cols; c++) fn(`${box.row + r},${box.col + c}`);
      };
      const patch = (p: Partial<MockCell>) => each((key) => sheet.cells.set(key, { value: "", ...sheet.cells.get(key), ...p }));
      const address = boxAddress(sheet.name, box);
      const mock = new OfficeMockObject(
        {
          address, rowIndex: box.row, columnIndex: box.col, rowCount: box.rows, columnCount: box.cols, values, numberFormat,
          rowHidden: "loadable",
          format: {
            fill: { clear: () => queue(() => patch({ fill: undefined })) },
            font: {},
            borders: { getItem: () => (queue(() => sheet.gridLines.push(address)), {}) },
            autofitColumns: () => undefined,
            autofitRows: () => queue(() => { for (let r = box.row; r < box.row + box.rows; r++) sheet.autofitRows.add(r + 1); }),
          },
          conditionalFormats: {
            add: (type: string) => {
              const format = { address: address.split("!").pop()!, type, custom: { rule: {}, format: { fill: {} } }, textComparison: { format: { fill: {} } } };
              queue(() => sheet.conditionalFormats.push(format));
              return format;
            },
            clearAll: () => queue(() => (sheet.conditionalFormats = [])),
          },
          dataValidation: { clear: () => queue(() => (sheet.validations = sheet.validations.filter((v) => v.address !== address))) },
          merge: () => queue(() => sheet.merge(address.split("!").pop()!)),
          select: () => queue(() => { wb.active = sheet.name; wb.selection = { sheet: sheet.name, address }; }),
          clear: () => queue(() => each((key) => sheet.cells.delete(key))),
          insert: (shift: string) => queue(() => shiftRows(sheet, box, shift === "Down" ? box.rows : 0)),
          delete: (shift: string) => queue(() => shiftRows(sheet, box, shift === "Up" ? -box.rows : 0)),
          getCell: (r: number, c: number) => rangeOf(sheet, { row: box.row + r, col: box.col + c, rows: 1, cols: 1 }),
          getMergedAreasOrNullObject: () => {
            const areas = { items: [] as Array<{ address: string }>, load: () => areas };
            const result = { isNullObject: true, areas, load: () => result };
            reads.push(() => {
              if (wb.mergedAreasFail) throw new Error("GeneralException: too many merged areas");
              const inside = sheet.merges.map(parseBox).filter((m) => m.row >= box.row && m.row < box.row + box.rows && m.col >= box.col && m.col < box.col + box.cols);
              result.isNullObject = inside.length === 0;
              areas.items = inside.map((m) => ({ address: boxAddress(sheet.name, m) }));
            });
            return result;
          },
        },
        OfficeApp.Excel,
      ) as OfficeMockObject & Record<string, any>;
      Object.defineProperty(mock, "mockAddress", { value: address }); // for the fakes; the add-in must load "address"
      // office-addin-mock cannot hold a null, and rowHidden is null when some rows are hidden.
      Object.defineProperty(mock, "rowHidden", { value: rowHidden, writable: true });
      const initial = { values: mock.values, numberFormat: mock.numberFormat };
      // values and numberFormat are loadable, so they stay plain mock properties: an assignment is picked up
      // (and queued in order) before the next queued call or sync. The write-only ones are setters that queue.
      const flush = () => {
        for (const name of ["numberFormat", "values"] as const) {
          const v = mock[name];
          if (!Array.isArray(v) || v === (name === "values" ? values : numberFormat)) continue;
          if (v.length !== box.rows || v.some((line: unknown[]) => line.length !== box.cols)) {
            throw new Error(`${name} of ${address} has the wrong shape`);
          }
          mock[name] = initial[name];
          sent += JSON.stringify(v).replace(/[^\x00-\x7f]/g, "\\uXXXX").length;
          pending.push(() => {
            // Written over a filtered table, the lines land on the visible rows only, in order (office-js issue 224).
            const hidden = name === "values" ? sheet.hiddenRows() : new Set<number>();
            const visible = Array.from({ length: box.rows + hidden.size }, (_, r) => box.row + r).filter((r) => !hidden.has(r)).slice(0, box.rows);
            v.forEach((line: Value[], r: number) => line.forEach((x, c) => {
              const row = visible[r]!, col = box.col + c;
              const merge = sheet.mergeAt(row, col);
              // A merged area keeps only its top-left cell's value.
              if (name === "values" && merge && (merge.row !== row || merge.col !== col)) return;
              const key = `${row},${col}`;
              const cell = { value: "" as Value, ...sheet.cells.get(key) };
              // Excel takes "12" typed into a General cell as the number 12 (and "2025-06-30" as a date), as the double does.
              sheet.cells.set(key, name === "values" ? { ...cell, formula: undefined, quotePrefix: undefined, ...coerceInput(x, cell.format ?? "General") } : { ...cell, format: String(x) });
            }));
          });
        }
      };
      const setter = (target: object, name: string, apply: (v: any) => void) =>
        Object.defineProperty(target, name, { set: (v) => queue(() => apply(v)), get: () => undefined });
      setter(mock.format.fill, "color", (v: string) => patch({ fill: v }));
      setter(mock.format, "columnWidth", (v: number) => { for (let c = box.col; c < box.col + box.cols; c++) sheet.widths.set(c, v); });
      setter(mock.format, "rowHeight", (v: number) => { for (let r = box.row; r < box.row + box.rows; r++) sheet.rowHeights.set(r + 1, v); });
      setter(mock.dataValidation, "rule", (rule) => sheet.validations.push({ address, rule }));
      mocks.push({ mock, flush });
      return mock;
    };

    const sheetApi = (sheet: MockSheet | undefined, name: string) => ({
      get isNullObject() { return !sheet; },
      name,
      getRange: (a?: string) => rangeOf(sheet ?? new MockSheet(name), a ? parseBox(a) : { row: 0, col: 0, rows: 1_048_576, cols: 16_384 }),
      getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => rangeOf(sheet!, { row, col, rows, cols }),
      getUsedRangeOrNullObject: () => {
        const box = sheet?.used();
        const r = rangeOf(sheet ?? new MockSheet(name), box ?? { row: 0, col: 0, rows: 1, cols: 1 });
        Object.defineProperty(r, "isNullObject", { value: !box });
        return r;
      },
      tables: {
        add: (a: string) => {
          const table = { name: `表${wb.sheets.flatMap((x) => x.tables).length + 1}`, address: a };
          queue(() => sheet!.tables.push(table));
          return tableApi(sheet!, table);
        },
      },
      freezePanes: { freezeRows: (n: number) => queue(() => (sheet!.frozenRows = n)) },
      // Page setup lands on the sheet as it is assigned; the print titles and the footer are calls.
      pageLayout: Object.assign(sheet?.page ?? {}, {
        setPrintTitleRows: (rows: string) => queue(() => (sheet!.page.printTitleRows = rows)),
        setPrintTitleColumns: (columns: string) => queue(() => (sheet!.page.printTitleColumns = columns)),
        headersFooters: { defaultForAllPages: new Proxy({}, { set: (_t, k, v) => (queue(() => (sheet!.page[`footer.${String(k)}`] = v)), true) }) },
      }),
      autoFilter: {
        apply: (range: { mockAddress: string }) => queue(() => (sheet!.autoFilter = range.mockAddress.split("!").pop())),
        remove: () => queue(() => (sheet!.autoFilter = undefined)),
      },
      charts: {
        add: (type: string, source: { mockAddress: string }) => {
          const chart = { name: "", type, source: source.mockAddress };
          queue(() => sheet!.charts.push(chart));
          return { set name(v: string) { chart.name = v; }, title: {}, setPosition: () => undefined, axes: { valueAxis: { title: {} }, categoryAxis: { title: {} } }, legend: {} };
        },
        getItemOrNullObject: (n: string) => ({
          get isNullObject() { return !sheet?.charts.some((c) => c.name === n); },
          load: () => undefined,
          delete: () => queue(() => (sheet!.charts = sheet!.charts.filter((c) => c.name !== n))),
        }),
      },
      activate: () => queue(() => (wb.active = name)),
      load: () => undefined,
    });

    const tableApi = (sheet: MockSheet, table: MockTable | undefined) => ({
      get isNullObject() { return !table; },
      clearFilters: () => queue(() => delete table!.filter),
      set name(v: string) { queue(() => (table!.name = v)); },
      set style(_v: string) { /* looks only */ },
      // On a missing table (getItemOrNullObject), Excel gives a null range too: loading it is harmless.
      getRange: () => rangeOf(sheet, parseBox(table?.address ?? "A1")),
      resize: (a: string) => queue(() => (table!.address = a.includes("!") ? a.split("!")[1]! : a)),
      delete: () => queue(() => (sheet.tables = sheet.tables.filter((t) => t !== table))),
    });
    const tables = {
      items: [] as Array<{ name: string }>,
      load() { this.items = wb.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name }))); },
      getItemOrNullObject: (name: string) => {
        const sheet = wb.sheets.find((s) => s.tables.some((t) => t.name === name));
        return tableApi(sheet ?? new MockSheet(""), sheet?.tables.find((t) => t.name === name));
      },
    };

    const worksheets = {
      items: [] as Array<ReturnType<typeof sheetApi>>,
      load() { this.items = wb.sheets.map((s) => sheetApi(s, s.name)); },
      add: (name: string) => { const s = new MockSheet(name); queue(() => wb.sheets.push(s)); return sheetApi(s, name); },
      getItem: (name: string) => sheetApi(wb.sheet(name), name),
      getItemOrNullObject: (name: string) => sheetApi(wb.sheet(name), name),
      getActiveWorksheet: () => sheetApi(wb.sheet(wb.active), wb.active),
    };

    const settings = {
      getItemOrNullObject: (key: string) => {
        const mock = new OfficeMockObject({ value: wb.settings.get(key) ?? "" }, OfficeApp.Excel) as OfficeMockObject & Record<string, any>;
        Object.defineProperty(mock, "isNullObject", { value: !wb.settings.has(key) });
        mocks.push({ mock });
        return mock;
      },
      add: (key: string, value: unknown) => queue(() => wb.settings.set(key, value)),
    };

    /** The cell an address names, on its sheet ("'台账'!J4"). */
    const cellOf = (address: string) => {
      const [sheetPart, cell] = address.split("!") as [string, string];
      const box = parseBox(cell);
      return { sheet: sheetPart.replace(/^'(.*)'$/, "$1").replace(/''/g, "'"), row: box.row, col: box.col };
    };
    const at = (a: { sheet: string; row: number; col: number }, b: { sheet: string; row: number; col: number }) => a.sheet === b.sheet && a.row === b.row && a.col === b.col;
    /** Excel allows a note or a threaded comment on a cell, never both, and one of each kind. */
    const occupied = (place: { sheet: string; row: number; col: number }) => wb.notes.some((n) => at(n, place)) || wb.comments.some((c) => at(c, place));

    const comments = {
      items: [] as Array<{ content: string; authorName: string; getLocation(): unknown; delete(): void }>,
      load() {
        this.items = wb.comments.map((c) => {
          const sheet = wb.sheet(c.sheet)!;
          return {
            get content() { return c.content; },
            set content(v: string) {
              queue(() => {
                if (c.author !== wb.me) throw excelError("AccessDenied", "You can only edit your own comments.");
                c.content = v;
              });
            },
            get authorName() { return c.author; },
            getLocation: () => rangeOf(sheet, { row: c.row, col: c.col, rows: 1, cols: 1 }),
            delete: () => queue(() => (wb.comments = wb.comments.filter((x) => x !== c))),
          };
        });
      },
      add: (address: string, content: string) => {
        const place = cellOf(address);
        queue(() => {
          if (occupied(place)) throw excelError("InvalidArgument", "The cell already has a comment or a note.");
          wb.comments.push({ ...place, content, author: wb.me });
        });
      },
    };

    const notes = {
      items: [] as Array<{ content: string; getLocation(): unknown; delete(): void }>,
      load() {
        if (wb.excelApi < 18) throw excelError("ApiNotFound", "workbook.notes needs ExcelApi 1.18");
        this.items = wb.notes.map((n) => {
          const sheet = wb.sheet(n.sheet)!;
          return {
            get content() { return n.content; },
            set content(v: string) { queue(() => (n.content = v)); },
            getLocation: () => rangeOf(sheet, { row: n.row, col: n.col, rows: 1, cols: 1 }),
            delete: () => queue(() => (wb.notes = wb.notes.filter((x) => x !== n))),
          };
        });
      },
      add: (address: string, content: string) => {
        const place = cellOf(address);
        queue(() => {
          if (occupied(place)) throw excelError("InvalidArgument", "The cell already has a note or a comment.");
          wb.notes.push({ ...place, content });
        });
      },
    };

    const apply = () => {
      mocks.forEach(({ flush }) => flush?.());
      const wrote = pending.length > 0;
      for (const op of pending.splice(0)) op();
      return wrote;
    };
    const context = {
      workbook: { worksheets, tables, settings, comments, notes },
      sync: async () => {
        this.runs[index]! += 1;
        apply();
        this.payloads.push(sent);
        sent = 0;
        for (const read of reads.splice(0)) read();
        for (const { mock } of mocks) await mock.sync();
        await new Promise((r) => setTimeout(r, 0)); // office-addin-mock settles loaded values a tick later
      },
    };
    const result = await batch(context);
    // Office.js sends what was queued after the last sync when the batch ends: a round trip too, so it counts.
    if (apply()) {
      this.runs[index]! += 1;
      this.payloads.push(sent);
    }
    return result;
  }
}
