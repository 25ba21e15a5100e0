// A small workbook behind `Excel.run` for the addin/excel unit tests. Ranges and settings are office-addin-mock
// objects, so reading a property that was not loaded and synced fails as it does in Excel; collections are plain
// fakes (office-addin-mock cannot load "items/name"). Every context.sync() is counted.
import { OfficeApp } from "office-addin-manifest";
import { OfficeMockObject } from "office-addin-mock";
import { columnLetter } from "../../addin/excel/cells";
import { coerceInput } from "../e2e/workbook-double/model";

type Value = string | number | boolean;
export interface MockCell { value: Value; format?: string; fill?: string; formula?: string; quotePrefix?: boolean }
interface Box { row: number; col: number; rows: number; cols: number }

export class MockSheet {
  cells = new Map<string, MockCell>();
  tables: Array<{ name: string; address: string }> = [];
  validations: Array<{ address: string; rule: unknown }> = [];
  /** Merged areas, as "B3:D3". */
  merges: string[] = [];
  frozenRows = 0;
  widths = new Map<number, number>();
  charts: Array<{ name: string; type: string; source: string }> = [];
  /** How the sheet prints, as set (orientation, zoom, print title rows…). */
  pageLayout: Record<string, unknown> = {};
  /** Row heights set, in points, by row number (1-based, as cell() counts). */
  heights = new Map<number, number>();
  autoFilter: string | undefined;
  /** Conditional formats as added: the range, the kind and what was set on them. */
  conditionalFormats: Array<{ address: string; type: string; custom: { rule: { formula?: string }; format: { fill: { color?: string } } }; textComparison: { rule?: unknown; format: { fill: { color?: string } } } }> = [];
  constructor(public name: string) {}

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
  const [a, b = a] = range.replace(/\$/g, "").split(":") as [string, string?];
  const cell = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(m[2]) - 1, col };
  };
  const s = cell(a), e = cell(b!);
  return { row: s.row, col: s.col, rows: e.row - s.row + 1, cols: e.col - s.col + 1 };
}

/** Range.insert("Down") (by > 0) or delete("Up") (by < 0) over the box's columns; tables over them grow or shrink. */
function shiftRows(sheet: MockSheet, box: Box, by: number): void {
  if (by === 0) throw new Error("the mock shifts rows only");
  const inColumns = (c: number) => c >= box.col && c < box.col + box.cols;
  const moved = new Map<string, MockCell>();
  for (const [key, cell] of sheet.cells) {
    const [r, c] = key.split(",").map(Number) as [number, number];
    if (!inColumns(c) || r < box.row) { moved.set(key, cell); continue; }
    if (by < 0 && r < box.row + box.rows) continue; // deleted
    moved.set(`${r + by},${c}`, cell);
  }
  sheet.cells = moved;
  for (const table of sheet.tables) {
    const t = parseBox(table.address);
    if (box.row >= t.row && box.row < t.row + t.rows) {
      table.address = `${columnLetter(t.col)}${t.row + 1}:${columnLetter(t.col + t.cols - 1)}${t.row + t.rows + by}`;
    }
  }
}

const boxAddress = (sheet: string, b: Box) =>
  `${sheet.includes(" ") ? `'${sheet}'` : sheet}!${columnLetter(b.col)}${b.row + 1}` +
  (b.rows * b.cols > 1 ? `:${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}` : "");

export class MockWorkbook {
  sheets: MockSheet[] = [];
  settings = new Map<string, unknown>();
  comments: Array<{ sheet: string; row: number; col: number; content: string }> = [];
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

  install(): void {
    (globalThis as Record<string, unknown>).Excel = { run: (batch: (ctx: unknown) => Promise<unknown>) => this.run(batch) };
  }

  private async run(batch: (ctx: unknown) => Promise<unknown>): Promise<unknown> {
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
      const numberFormat = snapshot((c) => c?.format ?? "General");
      const each = (fn: (key: string) => void) => {
        for (let r = 0; r < box.rows; r++) for (let c = 0; c < box.cols; c++) fn(`${box.row + r},${box.col + c}`);
      };
      const patch = (p: Partial<MockCell>) => each((key) => sheet.cells.set(key, { value: "", ...sheet.cells.get(key), ...p }));
      const address = boxAddress(sheet.name, box);
      const mock = new OfficeMockObject(
        {
          address, rowIndex: box.row, columnIndex: box.col, rowCount: box.rows, columnCount: box.cols, values, numberFormat,
          format: {
            fill: { clear: () => queue(() => patch({ fill: undefined })) },
            font: {},
            autofitColumns: () => undefined,
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
          pending.push(() => v.forEach((line: Value[], r: number) => line.forEach((x, c) => {
            const key = `${box.row + r},${box.col + c}`;
            const cell = { value: "" as Value, ...sheet.cells.get(key) };
            // Excel takes "12" typed into a General cell as the number 12 (and "2025-06-30" as a date), as the double does.
            sheet.cells.set(key, name === "values" ? { ...cell, formula: undefined, quotePrefix: undefined, ...coerceInput(x, cell.format ?? "General") } : { ...cell, format: String(x) });
          })));
        }
      };
      const setter = (target: object, name: string, apply: (v: any) => void) =>
        Object.defineProperty(target, name, { set: (v) => queue(() => apply(v)), get: () => undefined });
      setter(mock.format.fill, "color", (v: string) => patch({ fill: v }));
      setter(mock.format, "columnWidth", (v: number) => { for (let c = box.col; c < box.col + box.cols; c++) sheet.widths.set(c, v); });
      setter(mock.format, "rowHeight", (v: number) => { for (let r = box.row; r < box.row + Math.min(box.rows, 10_000); r++) sheet.heights.set(r + 1, v); });
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
      pageLayout: new Proxy(
        {
          setPrintTitleRows: (rows: string) => queue(() => (sheet!.pageLayout.printTitleRows = rows)),
          setPrintTitleColumns: (columns: string) => queue(() => (sheet!.pageLayout.printTitleColumns = columns)),
          headersFooters: { defaultForAllPages: new Proxy({}, { set: (_t, k, v) => (queue(() => (sheet!.pageLayout[`footer.${String(k)}`] = v)), true) }) },
        } as Record<string, unknown>,
        { set: (_t, k, v) => (queue(() => (sheet!.pageLayout[String(k)] = v)), true) },
      ),
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

    const tableApi = (sheet: MockSheet, table: { name: string; address: string } | undefined) => ({
      get isNullObject() { return !table; },
      set name(v: string) { queue(() => (table!.name = v)); },
      set style(_v: string) { /* looks only */ },
      getRange: () => rangeOf(sheet, parseBox(table!.address)),
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

    const comments = {
      items: [] as Array<{ content: string; getLocation(): unknown; delete(): void }>,
      load() {
        this.items = wb.comments.map((c) => {
          const sheet = wb.sheet(c.sheet)!;
          return {
            get content() { return c.content; },
            set content(v: string) { queue(() => (c.content = v)); },
            getLocation: () => rangeOf(sheet, { row: c.row, col: c.col, rows: 1, cols: 1 }),
            delete: () => queue(() => (wb.comments = wb.comments.filter((x) => x !== c))),
          };
        });
      },
      add: (address: string, content: string) => {
        const [sheetPart, cell] = address.split("!") as [string, string];
        const box = parseBox(cell);
        queue(() => {
          const sheetName = sheetPart.replace(/^'(.*)'$/, "$1");
          if (wb.comments.some((c) => c.sheet === sheetName && c.row === box.row && c.col === box.col)) throw new Error("the cell already has a comment");
          wb.comments.push({ sheet: sheetName, row: box.row, col: box.col, content });
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
      workbook: { worksheets, tables, settings, comments },
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
