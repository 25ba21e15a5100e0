// The subset of the Excel JavaScript API that addin/excel uses, over the in-memory WorkbookModel.
// Faithful where a mistake would hide a bug in the real add-in: properties must be loaded and synced
// before they are read, a missing item fails at the next sync, values must match the range's shape,
// and every context.sync() is counted. Where Excel is less kind than a naive fake, it copies Excel:
// - a batch while the person edits a cell fails (InvalidOperationInCellEditMode) unless it asked for
//   delayForCellEdit, and then waits for the edit to end (runBatch);
// - a cell holds a note or a threaded comment, never both, and only a comment's author may change its text;
//   workbook.notes needs ExcelApi 1.18;
// - values written over a filtered table land on its visible rows only, and a filtered table's rows cannot be
//   shifted (office-js issues 224, 468, 994); Table.clearFilters shows every row again;
// - a value written into a merged area's hidden cell is not kept; a shift that would split a merged area fails
//   (InsertDeleteConflict), whole rows carry merged areas with them.
import { autoFilterOf, conditionalFormatsOf } from "./report-looks";
import {
  WorkbookModel, type Box, type SheetModel, type CellValue, coerceInput, displayText, formatAddress,
  parseAddress, contains, intersects, key,
} from "./model";

/** One Excel.run: how many times the add-in called context.sync(), and whether writes were left for the final flush. */
export interface RunRecord {
  syncs: number;
  trailingFlush: boolean;
}

export class ExcelDoubleError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export class RequestContext {
  readonly workbook: Workbook;
  readonly record: RunRecord = { syncs: 0, trailingFlush: false };
  pendingWrites = false;
  private pendingError: ExcelDoubleError | undefined;
  private generation = 0;

  constructor(readonly model: WorkbookModel) {
    this.workbook = new Workbook(this);
  }

  get syncedGeneration(): number {
    return this.generation;
  }

  fail(error: ExcelDoubleError): void {
    this.pendingError ??= error;
  }

  wrote(): void {
    this.pendingWrites = true;
  }

  async sync(): Promise<void> {
    this.record.syncs += 1;
    this.generation += 1;
    this.pendingWrites = false;
    await Promise.resolve();
    this.model.changed();
    const error = this.pendingError;
    this.pendingError = undefined;
    if (error) throw error;
  }

  /** Stand-in for context.trackedObjects: nothing to track in memory. */
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
}

/** Excel.run: the batch with a context of its own, waiting for (or failing on) a cell being edited. */
export async function runBatch<T>(model: WorkbookModel, runs: RunRecord[], options: { delayForCellEdit?: boolean }, batch: (context: RequestContext) => Promise<T>): Promise<T> {
  if (model.editing) {
    if (!options.delayForCellEdit) {
      throw new ExcelDoubleError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
    }
    await model.editEnded();
  }
  const context = new RequestContext(model);
  runs.push(context.record);
  const result = await batch(context);
  // Office.js flushes what the batch queued after its last sync; count that as a sync the add-in causes.
  if (context.pendingWrites) {
    context.record.trailingFlush = true;
    await context.sync();
  }
  return result;
}

/** Base of every proxy object: load() snapshots the named properties, readable after the next sync. */
class ClientObject {
  private loadedAt = new Map<string, number>();
  private createdAt: number;

  constructor(protected readonly ctx: RequestContext) {
    this.createdAt = ctx.syncedGeneration;
  }

  load(spec?: string | string[] | { select?: string; $all?: boolean }): this {
    const names =
      spec === undefined ? ["*"] :
      typeof spec === "string" ? spec.split(",") :
      Array.isArray(spec) ? spec :
      (spec.select ?? "*").split(",");
    for (const raw of names) {
      const name = raw.trim().split("/")[0]!;
      this.loadedAt.set(name, this.ctx.syncedGeneration);
    }
    this.snapshot();
    return this;
  }

  /** Called by load(): subclasses copy what they will return, so later writes do not leak into reads. */
  protected snapshot(): void {}

  protected need(name: string): void {
    const at = this.loadedAt.get(name) ?? this.loadedAt.get("*");
    if (at === undefined || at >= this.ctx.syncedGeneration) {
      throw new ExcelDoubleError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
  }

  protected needSynced(): void {
    if (this.createdAt >= this.ctx.syncedGeneration) {
      throw new ExcelDoubleError("PropertyNotLoaded", "isNullObject is only known after context.sync().");
    }
  }

  toJSON(): unknown {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------- workbook

export class Workbook extends ClientObject {
  readonly worksheets = new WorksheetCollection(this.ctx);
  readonly tables = new TableCollection(this.ctx, undefined);
  readonly settings = new SettingCollection(this.ctx, this.ctx.model.settings);
  readonly properties = { custom: new SettingCollection(this.ctx, this.ctx.model.customProperties) };
  readonly comments = new CommentCollection(this.ctx, undefined);

  /** ExcelApi 1.18: an older Excel fails the request at its sync. */
  get notes(): NoteCollection {
    if (this.ctx.model.excelApi < 18) this.ctx.fail(new ExcelDoubleError("ApiNotFound", "workbook.notes needs ExcelApi 1.18."));
    return new NoteCollection(this.ctx, undefined);
  }

  getSelectedRange(): Range {
    const sel = this.ctx.model.selection;
    const sheet = this.ctx.model.sheet(sel?.sheet ?? this.ctx.model.activeSheet)!;
    return new Range(this.ctx, sheet, sel?.box ?? { row: 0, col: 0, rows: 1, cols: 1 });
  }

  getActiveCell(): Range {
    const range = this.getSelectedRange();
    return new Range(this.ctx, range.sheetModel, { ...range.box, rows: 1, cols: 1 });
  }
}

export class WorksheetCollection extends ClientObject {
  private snapshotItems: Worksheet[] = [];

  get items(): Worksheet[] {
    this.need("items");
    return this.snapshotItems;
  }

  protected override snapshot(): void {
    this.snapshotItems = this.ctx.model.sheets.map((s) => new Worksheet(this.ctx, s).load());
  }

  getItem(name: string): Worksheet {
    const sheet = this.ctx.model.sheet(name);
    if (!sheet) {
      this.ctx.fail(new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: worksheet ${name}`));
      return new Worksheet(this.ctx, placeholderSheet(name));
    }
    return new Worksheet(this.ctx, sheet);
  }

  getItemOrNullObject(name: string): Worksheet {
    const sheet = this.ctx.model.sheet(name);
    return new Worksheet(this.ctx, sheet ?? placeholderSheet(name), !sheet);
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.ctx, this.ctx.model.sheet(this.ctx.model.activeSheet)!);
  }

  add(name?: string): Worksheet {
    this.ctx.wrote();
    const sheetName = name ?? `Sheet${this.ctx.model.sheets.length + 1}`;
    if (this.ctx.model.sheet(sheetName)) {
      this.ctx.fail(new ExcelDoubleError("ItemAlreadyExists", `A worksheet named ${sheetName} already exists.`));
      return new Worksheet(this.ctx, this.ctx.model.sheet(sheetName)!);
    }
    return new Worksheet(this.ctx, this.ctx.model.addSheet(sheetName));
  }

  getCount(): { value: number } {
    const count = this.ctx.model.sheets.length;
    const ctx = this.ctx, at = ctx.syncedGeneration;
    return {
      get value() {
        if (ctx.syncedGeneration <= at) throw new ExcelDoubleError("PropertyNotLoaded", "getCount() needs a sync.");
        return count;
      },
    };
  }
}

function placeholderSheet(name: string): SheetModel {
  return {
    id: "", name, cells: new Map(), columnWidths: new Map(), frozenRows: 0,
    validations: [], notes: new Map(), comments: new Map(), charts: [], merges: [], page: {}, rowHeights: new Map(), autofitRows: new Set(), borders: [],
  };
}

export class Worksheet extends ClientObject {
  readonly tables: TableCollection;
  readonly freezePanes: FreezePanes;
  readonly charts: ChartCollection;
  readonly notes: NoteCollection;
  readonly comments: CommentCollection;
  readonly pageLayout: PageLayout;
  readonly autoFilter: ReturnType<typeof autoFilterOf>;
  private snap = { name: "", id: "", position: 0, visibility: "Visible" };

  constructor(ctx: RequestContext, readonly sheetModel: SheetModel, private readonly isNull = false) {
    super(ctx);
    this.tables = new TableCollection(ctx, sheetModel);
    this.freezePanes = new FreezePanes(ctx, sheetModel);
    this.charts = new ChartCollection(ctx, sheetModel);
    this.notes = new NoteCollection(ctx, sheetModel);
    this.comments = new CommentCollection(ctx, sheetModel);
    this.pageLayout = new PageLayout(ctx, sheetModel);
    this.autoFilter = autoFilterOf(ctx, sheetModel);
  }

  get isNullObject(): boolean {
    this.needSynced();
    return this.isNull;
  }

  protected override snapshot(): void {
    this.snap = {
      name: this.sheetModel.name,
      id: this.sheetModel.id,
      position: this.ctx.model.sheets.indexOf(this.sheetModel),
      visibility: "Visible",
    };
  }

  get name(): string {
    this.need("name");
    return this.snap.name;
  }

  set name(value: string) {
    this.ctx.wrote();
    for (const t of this.ctx.model.tables) if (t.sheet === this.sheetModel.name) t.sheet = value;
    if (this.ctx.model.activeSheet === this.sheetModel.name) this.ctx.model.activeSheet = value;
    this.sheetModel.name = value;
  }

  get id(): string {
    this.need("id");
    return this.snap.id;
  }

  get position(): number {
    this.need("position");
    return this.snap.position;
  }

  set position(value: number) {
    this.ctx.wrote();
    const sheets = this.ctx.model.sheets;
    sheets.splice(sheets.indexOf(this.sheetModel), 1);
    sheets.splice(value, 0, this.sheetModel);
  }

  get visibility(): string {
    this.need("visibility");
    return this.snap.visibility;
  }

  set tabColor(_value: string) {
    this.ctx.wrote();
  }

  set showGridlines(_value: boolean) {
    this.ctx.wrote();
  }

  activate(): void {
    this.ctx.model.activeSheet = this.sheetModel.name;
  }

  delete(): void {
    this.ctx.wrote();
    const model = this.ctx.model;
    model.sheets = model.sheets.filter((s) => s !== this.sheetModel);
    model.tables = model.tables.filter((t) => t.sheet !== this.sheetModel.name);
    if (model.activeSheet === this.sheetModel.name) model.activeSheet = model.sheets[0]?.name ?? "";
  }

  getRange(address?: string): Range {
    if (address === undefined) return new Range(this.ctx, this.sheetModel, { row: 0, col: 0, rows: 1_048_576, cols: 16_384 });
    return new Range(this.ctx, this.sheetModel, parseAddress(address).box);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    return new Range(this.ctx, this.sheetModel, { row, col, rows, cols });
  }

  getCell(row: number, col: number): Range {
    return new Range(this.ctx, this.sheetModel, { row, col, rows: 1, cols: 1 });
  }

  getUsedRange(valuesOnly = false): Range {
    const box = this.ctx.model.usedBox(this.sheetModel, valuesOnly);
    return new Range(this.ctx, this.sheetModel, box ?? { row: 0, col: 0, rows: 1, cols: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    const box = this.ctx.model.usedBox(this.sheetModel, valuesOnly);
    return new Range(this.ctx, this.sheetModel, box ?? { row: 0, col: 0, rows: 1, cols: 1 }, !box);
  }
}

export class FreezePanes extends ClientObject {
  constructor(ctx: RequestContext, private readonly sheet: SheetModel) {
    super(ctx);
  }

  freezeRows(count = 1): void {
    this.ctx.wrote();
    this.sheet.frozenRows = count;
  }

  freezeAt(range: Range | string): void {
    const box = typeof range === "string" ? parseAddress(range).box : range.box;
    this.freezeRows(box.row + box.rows);
  }

  unfreeze(): void {
    this.ctx.wrote();
    this.sheet.frozenRows = 0;
  }
}

// -------------------------------------------------------------------------------------------------- range

type Matrix<T> = T[][];

export class Range extends ClientObject {
  readonly format: RangeFormat;
  readonly conditionalFormats: ReturnType<typeof conditionalFormatsOf>;
  readonly dataValidation: DataValidation;
  private snap: Record<string, unknown> = {};

  constructor(
    ctx: RequestContext,
    readonly sheetModel: SheetModel,
    readonly box: Box,
    private readonly isNull = false,
  ) {
    super(ctx);
    this.format = new RangeFormat(ctx, this);
    this.conditionalFormats = conditionalFormatsOf(ctx, this.sheetModel, this.box);
    this.dataValidation = new DataValidation(ctx, this);
  }

  get isNullObject(): boolean {
    this.needSynced();
    return this.isNull;
  }

  get worksheet(): Worksheet {
    return new Worksheet(this.ctx, this.sheetModel);
  }

  private matrix<T>(pick: (row: number, col: number) => T): Matrix<T> {
    const { row, col, rows, cols } = this.box;
    if (rows * cols > 5_000_000) throw new ExcelDoubleError("ResponsePayloadSizeLimitExceeded", "range too large");
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => pick(row + r, col + c)));
  }

  private cellAt = (r: number, c: number) => this.ctx.model.cell(this.sheetModel, r, c);

  protected override snapshot(): void {
    const { row, col, rows, cols } = this.box;
    this.snap = {
      address: formatAddress(this.sheetModel.name, this.box),
      rowIndex: row,
      columnIndex: col,
      rowCount: rows,
      columnCount: cols,
      // Computed lazily below: whole-column ranges are huge and rarely loaded for their values.
    };
    const bounded = rows * cols <= 5_000_000;
    if (bounded) {
      this.snap.values = this.matrix((r, c) => this.cellAt(r, c).value);
      this.snap.formulas = this.matrix((r, c) => this.cellAt(r, c).formula ?? this.cellAt(r, c).value);
      this.snap.text = this.matrix((r, c) => displayText(this.cellAt(r, c)));
      this.snap.numberFormat = this.matrix((r, c) => this.cellAt(r, c).numberFormat);
      const hidden = this.ctx.model.hiddenRows(this.sheetModel);
      const hiddenCount = Array.from({ length: rows }, (_, r) => row + r).filter((r) => hidden.has(r)).length;
      // Range.rowHidden: false when no row is hidden, true when all are, null when some are.
      this.snap.rowHidden = hiddenCount === 0 ? false : hiddenCount === rows ? true : null;
      this.snap.valueTypes = this.matrix((r, c) => {
        const v = this.cellAt(r, c).value;
        return v === "" ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
      });
    }
  }

  private read<T>(name: string): T {
    this.need(name);
    if (!(name in this.snap)) throw new ExcelDoubleError("ResponsePayloadSizeLimitExceeded", `range too large to load ${name}`);
    return this.snap[name] as T;
  }

  get address(): string { return this.read("address"); }
  get rowIndex(): number { return this.read("rowIndex"); }
  get columnIndex(): number { return this.read("columnIndex"); }
  get rowCount(): number { return this.read("rowCount"); }
  get columnCount(): number { return this.read("columnCount"); }
  get values(): Matrix<CellValue> { return this.read("values"); }
  get formulas(): Matrix<CellValue> { return this.read("formulas"); }
  get text(): Matrix<string> { return this.read("text"); }
  get numberFormat(): Matrix<string> { return this.read("numberFormat"); }
  get valueTypes(): Matrix<string> { return this.read("valueTypes"); }
  get rowHidden(): boolean | null { return this.read("rowHidden"); }

  /** Writes a matrix of the range's exact shape, or one value for every cell, as Excel allows. */
  private writeEach(input: unknown, name: string, apply: (r: number, c: number, v: unknown) => void): void {
    this.ctx.wrote();
    const { row, col, rows, cols } = this.box;
    if (Array.isArray(input)) {
      if (input.length !== rows || input.some((line) => !Array.isArray(line) || line.length !== cols)) {
        const got = `${input.length}×${Array.isArray(input[0]) ? input[0].length : "?"}`;
        this.ctx.fail(new ExcelDoubleError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${name}: range ${rows}×${cols}, input ${got}).`,
        ));
        return;
      }
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) apply(row + r, col + c, (input[r] as unknown[])[c]);
    } else {
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) apply(row + r, col + c, input);
    }
  }

  set values(input: unknown) {
    // Over a filtered table the lines land on the visible rows only, one after another (office-js issue 224).
    const hidden = this.ctx.model.hiddenRows(this.sheetModel);
    const visible: number[] = [];
    for (let r = this.box.row; visible.length < this.box.rows; r++) if (!hidden.has(r)) visible.push(r);
    this.writeEach(input, "values", (r, c, v) => {
      const row = visible[r - this.box.row]!;
      // A merged area keeps only its upper-left cell's value; what is written to the others is not kept.
      const merged = this.ctx.model.mergeAt(this.sheetModel, row, c);
      if (merged && (merged.row !== row || merged.col !== c)) return;
      const format = this.cellAt(row, c).numberFormat;
      this.ctx.model.writeCell(this.sheetModel, row, c, { formula: undefined, quotePrefix: undefined, ...coerceInput(v, format) });
    });
  }

  set formulas(input: unknown) {
    this.values = input;
  }

  set numberFormat(input: unknown) {
    this.writeEach(input, "numberFormat", (r, c, v) => {
      const cell = this.cellAt(r, c);
      const numberFormat = String(v);
      // A number typed into a cell later formatted as text stays a number; a date format shows a serial as a date.
      this.ctx.model.writeCell(this.sheetModel, r, c, { numberFormat, value: cell.value });
    });
  }

  set numberFormatLocal(input: unknown) {
    this.numberFormat = input;
  }

  getCell(row: number, col: number): Range {
    return new Range(this.ctx, this.sheetModel, { row: this.box.row + row, col: this.box.col + col, rows: 1, cols: 1 });
  }

  getRow(index: number): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, row: this.box.row + index, rows: 1 });
  }

  getColumn(index: number): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, col: this.box.col + index, cols: 1 });
  }

  getRowsBelow(count = 1): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, row: this.box.row + this.box.rows, rows: count });
  }

  getRowsAbove(count = 1): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, row: this.box.row - count, rows: count });
  }

  getLastRow(): Range {
    return this.getRow(this.box.rows - 1);
  }

  getOffsetRange(rows: number, cols: number): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, row: this.box.row + rows, col: this.box.col + cols });
  }

  getResizedRange(rows: number, cols: number): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, rows: this.box.rows + rows, cols: this.box.cols + cols });
  }

  getAbsoluteResizedRange(rows: number, cols: number): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, rows, cols });
  }

  getEntireColumn(): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, row: 0, rows: 1_048_576 });
  }

  getEntireRow(): Range {
    return new Range(this.ctx, this.sheetModel, { ...this.box, col: 0, cols: 16_384 });
  }

  getUsedRange(valuesOnly = false): Range {
    return this.getUsedRangeOrNullObject(valuesOnly);
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    const used = this.ctx.model.usedBox(this.sheetModel, valuesOnly);
    if (!used || !intersects(used, this.box)) return new Range(this.ctx, this.sheetModel, this.box, true);
    const row = Math.max(used.row, this.box.row), col = Math.max(used.col, this.box.col);
    const bottom = Math.min(used.row + used.rows, this.box.row + this.box.rows);
    const right = Math.min(used.col + used.cols, this.box.col + this.box.cols);
    return new Range(this.ctx, this.sheetModel, { row, col, rows: bottom - row, cols: right - col });
  }

  select(): void {
    this.ctx.model.activeSheet = this.sheetModel.name;
    this.ctx.model.selection = { sheet: this.sheetModel.name, box: this.box };
  }

  clear(applyTo: string = "All"): void {
    this.ctx.wrote();
    this.forEachCell((r, c) => {
      const cell = this.cellAt(r, c);
      if (applyTo === "Contents") this.ctx.model.writeCell(this.sheetModel, r, c, { value: "", formula: undefined });
      else if (applyTo === "Formats") this.ctx.model.writeCell(this.sheetModel, r, c, { value: cell.value, numberFormat: "General", fill: undefined, bold: undefined, fontColor: undefined });
      else this.sheetModel.cells.delete(key(r, c));
    });
  }

  /** Shifts the cells of the box's columns down (ExcelApi 1.1); only "Down" is used by the add-in. */
  insert(shift: string): Range {
    this.ctx.wrote();
    const refusal = this.ctx.model.shiftRefusal(this.sheetModel, this.box);
    if (shift !== "Down") this.ctx.fail(new ExcelDoubleError("InvalidArgument", `the double inserts only "Down", not ${shift}`));
    else if (refusal) this.ctx.fail(new ExcelDoubleError(refusal.code, refusal.message));
    else this.ctx.model.shiftRows(this.sheetModel, this.box, "down");
    return new Range(this.ctx, this.sheetModel, this.box);
  }

  /** Removes the box's cells, pulling the cells below up (ExcelApi 1.1); only "Up" is used by the add-in. */
  delete(shift: string): void {
    this.ctx.wrote();
    const refusal = this.ctx.model.shiftRefusal(this.sheetModel, this.box);
    if (shift !== "Up") this.ctx.fail(new ExcelDoubleError("InvalidArgument", `the double deletes only "Up", not ${shift}`));
    else if (refusal) this.ctx.fail(new ExcelDoubleError(refusal.code, refusal.message));
    else this.ctx.model.shiftRows(this.sheetModel, this.box, "up");
  }

  /** Excel keeps only the upper-left value of the cells it merges ("Merging cells only keeps the upper-left value"). */
  merge(across = false): void {
    this.ctx.wrote();
    const boxes = across
      ? Array.from({ length: this.box.rows }, (_, r) => ({ ...this.box, row: this.box.row + r, rows: 1 }))
      : [this.box];
    for (const box of boxes) this.ctx.model.merge(this.sheetModel, box);
  }

  /**
   * The merged areas whose upper-left cell is in this range (ExcelApi 1.13). Excel fails the request past 512
   * areas; an Excel without 1.13 fails it too. Both fail at the sync, as a RichApi error.
   */
  getMergedAreasOrNullObject(): RangeAreas {
    const inside = this.sheetModel.merges.filter((m) => contains(this.box, { ...m, rows: 1, cols: 1 }));
    if (this.ctx.model.excelApi < 13) this.ctx.fail(new ExcelDoubleError("ApiNotFound", "getMergedAreasOrNullObject needs ExcelApi 1.13."));
    else if (inside.length > 512) this.ctx.fail(new ExcelDoubleError("GeneralException", "The merged areas count in this range is more than 512."));
    return new RangeAreas(this.ctx, this.sheetModel, inside);
  }

  unmerge(): void {
    this.ctx.wrote();
    this.sheetModel.merges = this.sheetModel.merges.filter((m) => !contains(this.box, m));
  }

  forEachCell(each: (row: number, col: number) => void): void {
    const { row, col, rows, cols } = this.box;
    const used = this.ctx.model.usedBox(this.sheetModel, false);
    // Whole-column formatting touches only the used part; the rest of the sheet has nothing to change.
    const lastRow = rows > 100_000 && used ? Math.min(row + rows, used.row + used.rows + 1) : row + rows;
    const lastCol = cols > 1_000 && used ? Math.min(col + cols, used.col + used.cols + 1) : col + cols;
    for (let r = row; r < lastRow; r++) for (let c = col; c < lastCol; c++) each(r, c);
  }

  override toJSON(): unknown {
    return { address: formatAddress(this.sheetModel.name, this.box) };
  }
}

/** Several rectangular ranges of one sheet (ExcelApi 1.9), as getMergedAreasOrNullObject returns them. */
export class RangeAreas extends ClientObject {
  readonly areas: RangeCollection;

  constructor(ctx: RequestContext, private readonly sheet: SheetModel, private readonly boxes: Box[]) {
    super(ctx);
    this.areas = new RangeCollection(ctx, sheet, boxes);
  }

  get isNullObject(): boolean {
    this.needSynced();
    return this.boxes.length === 0;
  }

  get address(): string {
    this.need("address");
    return this.boxes.map((box) => formatAddress(this.sheet.name, box)).join(", ");
  }

  get areaCount(): number {
    this.need("areaCount");
    return this.boxes.length;
  }
}

export class RangeCollection extends ClientObject {
  private snapItems: Range[] = [];

  constructor(ctx: RequestContext, private readonly sheet: SheetModel, private readonly boxes: Box[]) {
    super(ctx);
  }

  protected override snapshot(): void {
    this.snapItems = this.boxes.map((box) => new Range(this.ctx, this.sheet, box).load());
  }

  get items(): Range[] {
    this.need("items");
    return this.snapItems;
  }
}

class RangeFormat {
  readonly fill: RangeFill;
  readonly font: RangeFont;
  readonly borders = {
    getItem: (edge: string) => {
      const ctx = this.ctx, range = this.range;
      return {
        set style(style: string) {
          ctx.wrote();
          range.sheetModel.borders.push({ box: range.box, edge, style });
        },
        set weight(_weight: string) { ctx.wrote(); },
        set color(_color: string) { ctx.wrote(); },
      };
    },
  };
  readonly protection = { locked: true };

  constructor(private readonly ctx: RequestContext, private readonly range: Range) {
    this.fill = new RangeFill(ctx, range);
    this.font = new RangeFont(ctx, range);
  }

  set columnWidth(points: number) {
    this.ctx.wrote();
    const { col, cols } = this.range.box;
    for (let c = col; c < col + Math.min(cols, 200); c++) this.range.sheetModel.columnWidths.set(c, points);
  }

  set rowHeight(points: number) {
    this.ctx.wrote();
    const { row, rows } = this.range.box;
    for (let r = row; r < row + Math.min(rows, 10_000); r++) this.range.sheetModel.rowHeights.set(r, points);
  }

  set wrapText(wrap: boolean) {
    this.ctx.wrote();
    this.range.forEachCell((r, c) => this.ctx.model.writeCell(this.range.sheetModel, r, c, { wrap }));
  }

  set horizontalAlignment(_value: string) {
    this.ctx.wrote();
  }

  set verticalAlignment(_value: string) {
    this.ctx.wrote();
  }

  autofitColumns(): void {
    this.ctx.wrote();
  }

  autofitRows(): void {
    this.ctx.wrote();
    const { row, rows } = this.range.box;
    for (let r = row; r < row + Math.min(rows, 10_000); r++) this.range.sheetModel.autofitRows.add(r);
  }
}

class RangeFill {
  constructor(private readonly ctx: RequestContext, private readonly range: Range) {}

  set color(color: string) {
    this.ctx.wrote();
    this.range.forEachCell((r, c) => this.ctx.model.writeCell(this.range.sheetModel, r, c, { fill: color }));
  }

  clear(): void {
    this.ctx.wrote();
    this.range.forEachCell((r, c) => {
      if (this.range.sheetModel.cells.has(key(r, c))) this.ctx.model.writeCell(this.range.sheetModel, r, c, { fill: undefined });
    });
  }
}

class RangeFont {
  constructor(private readonly ctx: RequestContext, private readonly range: Range) {}

  set bold(bold: boolean) {
    this.ctx.wrote();
    this.range.forEachCell((r, c) => this.ctx.model.writeCell(this.range.sheetModel, r, c, { bold }));
  }

  set color(fontColor: string) {
    this.ctx.wrote();
    this.range.forEachCell((r, c) => this.ctx.model.writeCell(this.range.sheetModel, r, c, { fontColor }));
  }

  set size(_size: number) {
    this.ctx.wrote();
  }

  set name(_name: string) {
    this.ctx.wrote();
  }
}

class DataValidation {
  constructor(private readonly ctx: RequestContext, private readonly range: Range) {}

  set rule(rule: unknown) {
    this.ctx.wrote();
    this.range.sheetModel.validations.push({ box: this.range.box, rule });
  }

  set ignoreBlanks(_value: boolean) {
    this.ctx.wrote();
  }

  set errorAlert(_value: unknown) {
    this.ctx.wrote();
  }

  set prompt(_value: unknown) {
    this.ctx.wrote();
  }

  clear(): void {
    this.ctx.wrote();
    this.range.sheetModel.validations = this.range.sheetModel.validations.filter((v) => !intersects(v.box, this.range.box));
  }
}

// ------------------------------------------------------------------------------------------------- tables

export class TableCollection extends ClientObject {
  private snapItems: Table[] = [];

  constructor(ctx: RequestContext, private readonly sheet: SheetModel | undefined) {
    super(ctx);
  }

  private all() {
    return this.ctx.model.tables.filter((t) => !this.sheet || t.sheet === this.sheet.name);
  }

  protected override snapshot(): void {
    this.snapItems = this.all().map((t) => new Table(this.ctx, t.id).load());
  }

  get items(): Table[] {
    this.need("items");
    return this.snapItems;
  }

  add(address: string | Range, hasHeaders: boolean): Table {
    this.ctx.wrote();
    const parsed = typeof address === "string" ? parseAddress(address) : { sheet: address.sheetModel.name, box: address.box };
    const sheetName = parsed.sheet ?? this.sheet?.name ?? this.ctx.model.activeSheet;
    const sheet = this.ctx.model.sheet(sheetName)!;
    const box = hasHeaders ? parsed.box : { ...parsed.box, rows: parsed.box.rows + 1 };
    const clash = this.ctx.model.tables.find((t) => t.sheet === sheet.name && intersects(t.box, box));
    if (clash) {
      this.ctx.fail(new ExcelDoubleError("InvalidOperation", "A table can't overlap another table."));
      return new Table(this.ctx, clash.id);
    }
    const id = this.ctx.model.id("table");
    this.ctx.model.tables.push({ id, name: `Table${this.ctx.model.tables.length + 1}`, sheet: sheet.name, box });
    return new Table(this.ctx, id);
  }

  getItem(name: string): Table {
    const table = this.all().find((t) => t.name === name || t.id === name);
    if (!table) this.ctx.fail(new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: table ${name}`));
    return new Table(this.ctx, table?.id ?? "");
  }

  getItemOrNullObject(name: string): Table {
    const table = this.all().find((t) => t.name === name || t.id === name);
    return new Table(this.ctx, table?.id ?? "", !table);
  }

  getItemAt(index: number): Table {
    const table = this.all()[index];
    if (!table) this.ctx.fail(new ExcelDoubleError("ItemNotFound", `No table at ${index}`));
    return new Table(this.ctx, table?.id ?? "");
  }

  getCount(): { value: number } {
    const count = this.all().length;
    const ctx = this.ctx, at = ctx.syncedGeneration;
    return {
      get value() {
        if (ctx.syncedGeneration <= at) throw new ExcelDoubleError("PropertyNotLoaded", "getCount() needs a sync.");
        return count;
      },
    };
  }
}

export class Table extends ClientObject {
  private snap = { name: "", id: "", style: "" };
  readonly rows: { add: (index: number | null | undefined, values: unknown[][]) => void; count: number };
  readonly columns: { items: never[] };

  constructor(ctx: RequestContext, private readonly tableId: string, private readonly isNull = false) {
    super(ctx);
    const table = () => this.model();
    this.rows = {
      // Present because Excel has it; the add-in should not use it (co-authoring conflicts), and the count shows if it does.
      add: (_index, values) => {
        ctx.wrote();
        const t = table();
        const sheet = ctx.model.sheet(t.sheet)!;
        const start = t.box.row + t.box.rows;
        values.forEach((line, r) => line.forEach((v, c) => ctx.model.writeCell(sheet, start + r, t.box.col + c, coerceInput(v, "General"))));
        t.box = { ...t.box, rows: t.box.rows + values.length };
        ctx.model.tableRowsAdded += values.length;
      },
      count: 0,
    };
    this.columns = { items: [] };
  }

  get isNullObject(): boolean {
    this.needSynced();
    return this.isNull;
  }

  private model() {
    const t = this.ctx.model.tables.find((x) => x.id === this.tableId);
    if (!t) throw new ExcelDoubleError("ItemNotFound", "table gone");
    return t;
  }

  protected override snapshot(): void {
    if (this.isNull) return;
    const t = this.model();
    this.snap = { name: t.name, id: t.id, style: t.style ?? "TableStyleMedium2" };
  }

  get name(): string { this.need("name"); return this.snap.name; }
  set name(value: string) {
    this.ctx.wrote();
    this.model().name = value;
  }

  get id(): string { this.need("id"); return this.snap.id; }
  get style(): string { this.need("style"); return this.snap.style; }
  set style(value: string) { this.ctx.wrote(); this.model().style = value; }
  set showBandedRows(_v: boolean) { this.ctx.wrote(); }
  set showFilterButton(_v: boolean) { this.ctx.wrote(); }
  set showTotals(_v: boolean) { this.ctx.wrote(); }

  /** Shows every row again (ExcelApi 1.2). */
  clearFilters(): void {
    this.ctx.wrote();
    if (!this.isNull) delete this.model().filter;
  }

  get worksheet(): Worksheet {
    return new Worksheet(this.ctx, this.ctx.model.sheet(this.model().sheet)!);
  }

  private sheetRange(box: Box): Range {
    return new Range(this.ctx, this.ctx.model.sheet(this.model().sheet)!, box);
  }

  getRange(): Range {
    // On a missing table (getItemOrNullObject) Excel gives a null range: loading it is harmless.
    if (this.isNull) return new Range(this.ctx, placeholderSheet(""), { row: 0, col: 0, rows: 1, cols: 1 }, true);
    return this.sheetRange(this.model().box);
  }

  getHeaderRowRange(): Range {
    return this.sheetRange({ ...this.model().box, rows: 1 });
  }

  getDataBodyRange(): Range {
    const box = this.model().box;
    return this.sheetRange({ ...box, row: box.row + 1, rows: Math.max(1, box.rows - 1) });
  }

  resize(address: string | Range): void {
    this.ctx.wrote();
    const box = typeof address === "string" ? parseAddress(address).box : address.box;
    this.model().box = box;
  }

  delete(): void {
    this.ctx.wrote();
    this.ctx.model.tables = this.ctx.model.tables.filter((t) => t.id !== this.tableId);
  }

  convertToRange(): Range {
    const range = this.getRange();
    this.delete();
    return range;
  }
}

// --------------------------------------------------------------------------------- settings and notes

export class SettingCollection extends ClientObject {
  private snapItems: Setting[] = [];

  constructor(ctx: RequestContext, private readonly store: Map<string, unknown>) {
    super(ctx);
  }

  protected override snapshot(): void {
    this.snapItems = [...this.store.keys()].map((k) => new Setting(this.ctx, this.store, k).load());
  }

  get items(): Setting[] {
    this.need("items");
    return this.snapItems;
  }

  add(key: string, value: unknown): Setting {
    this.ctx.wrote();
    this.store.set(key, JSON.parse(JSON.stringify(value)));
    return new Setting(this.ctx, this.store, key);
  }

  getItem(key: string): Setting {
    if (!this.store.has(key)) this.ctx.fail(new ExcelDoubleError("ItemNotFound", `No setting ${key}`));
    return new Setting(this.ctx, this.store, key);
  }

  getItemOrNullObject(key: string): Setting {
    return new Setting(this.ctx, this.store, key, !this.store.has(key));
  }
}

export class Setting extends ClientObject {
  private snap: { key: string; value: unknown } = { key: "", value: undefined };

  constructor(ctx: RequestContext, private readonly store: Map<string, unknown>, private readonly k: string, private readonly isNull = false) {
    super(ctx);
  }

  get isNullObject(): boolean {
    this.needSynced();
    return this.isNull;
  }

  protected override snapshot(): void {
    this.snap = { key: this.k, value: this.store.get(this.k) };
  }

  get key(): string { this.need("key"); return this.snap.key; }
  get value(): unknown { this.need("value"); return this.snap.value; }
  set value(value: unknown) {
    this.ctx.wrote();
    this.store.set(this.k, JSON.parse(JSON.stringify(value)));
  }

  delete(): void {
    this.ctx.wrote();
    this.store.delete(this.k);
  }
}

/** Where an address (or range) points: its sheet and cell. */
function targetOf(ctx: RequestContext, sheet: SheetModel | undefined, address: string | Range): { sheet: SheetModel; box: Box } {
  if (typeof address !== "string") return { sheet: address.sheetModel, box: address.box };
  const parsed = parseAddress(address);
  const target = parsed.sheet ? ctx.model.sheet(parsed.sheet) : sheet ?? ctx.model.sheet(ctx.model.activeSheet);
  if (!target) throw new ExcelDoubleError("ItemNotFound", `No sheet for ${address}`);
  return { sheet: target, box: parsed.box };
}

/** The cells of `sheets` that hold a note (or a comment), each as a one-cell box. */
function annotated(sheets: readonly SheetModel[], of: (sheet: SheetModel) => Map<string, unknown>): Array<{ sheet: SheetModel; box: Box }> {
  return sheets.flatMap((sheet) => [...of(sheet).keys()].map((cell) => {
    const [row, col] = cell.split(",").map(Number) as [number, number];
    return { sheet, box: { row, col, rows: 1, cols: 1 } };
  }));
}

/** Excel keeps a note or a threaded comment on a cell, never both, and one of each. */
const occupied = (sheet: SheetModel, box: Box) => sheet.notes.has(key(box.row, box.col)) || sheet.comments.has(key(box.row, box.col));

/** Notes (ExcelApi 1.18): plain text on a cell that anyone may change. */
export class NoteCollection extends ClientObject {
  private snapItems: Note[] = [];

  constructor(ctx: RequestContext, private readonly sheet: SheetModel | undefined) {
    super(ctx);
  }

  protected override snapshot(): void {
    this.snapItems = annotated(this.sheet ? [this.sheet] : this.ctx.model.sheets, (s) => s.notes).map(({ sheet, box }) => new Note(this.ctx, sheet, box).load());
  }

  get items(): Note[] {
    this.need("items");
    return this.snapItems;
  }

  add(address: string | Range, content: unknown): Note {
    this.ctx.wrote();
    const { sheet, box } = targetOf(this.ctx, this.sheet, address);
    if (occupied(sheet, box)) this.ctx.fail(new ExcelDoubleError("InvalidArgument", "The cell already has a note or a comment."));
    else sheet.notes.set(key(box.row, box.col), String(content));
    return new Note(this.ctx, sheet, box);
  }

  getItemOrNullObject(address: string): Note {
    const { sheet, box } = targetOf(this.ctx, this.sheet, address);
    return new Note(this.ctx, sheet, box, !sheet.notes.has(key(box.row, box.col)));
  }
}

export class Note extends ClientObject {
  private snap = { content: "" };

  constructor(ctx: RequestContext, private readonly sheet: SheetModel, private readonly box: Box, private readonly isNull = false) {
    super(ctx);
  }

  get isNullObject(): boolean {
    this.needSynced();
    return this.isNull;
  }

  protected override snapshot(): void {
    this.snap = { content: this.sheet.notes.get(key(this.box.row, this.box.col)) ?? "" };
  }

  get content(): string { this.need("content"); return this.snap.content; }
  set content(value: string) {
    this.ctx.wrote();
    this.sheet.notes.set(key(this.box.row, this.box.col), value);
  }

  getLocation(): Range {
    return new Range(this.ctx, this.sheet, this.box);
  }

  delete(): void {
    this.ctx.wrote();
    this.sheet.notes.delete(key(this.box.row, this.box.col));
  }
}

/** Threaded comments (ExcelApi 1.10): written as the Office account running the add-in, changed only by their author. */
export class CommentCollection extends ClientObject {
  private snapItems: Comment[] = [];

  constructor(ctx: RequestContext, private readonly sheet: SheetModel | undefined) {
    super(ctx);
  }

  protected override snapshot(): void {
    this.snapItems = annotated(this.sheet ? [this.sheet] : this.ctx.model.sheets, (s) => s.comments).map(({ sheet, box }) => new Comment(this.ctx, sheet, box).load());
  }

  get items(): Comment[] {
    this.need("items");
    return this.snapItems;
  }

  add(address: string | Range, content: unknown): Comment {
    this.ctx.wrote();
    const { sheet, box } = targetOf(this.ctx, this.sheet, address);
    if (occupied(sheet, box)) this.ctx.fail(new ExcelDoubleError("InvalidArgument", "The cell already has a comment or a note."));
    else sheet.comments.set(key(box.row, box.col), { content: String(content), author: this.ctx.model.me });
    return new Comment(this.ctx, sheet, box);
  }
}

export class Comment extends ClientObject {
  private snap = { content: "", authorName: "" };

  constructor(ctx: RequestContext, private readonly sheet: SheetModel, private readonly box: Box) {
    super(ctx);
  }

  private get model() {
    return this.sheet.comments.get(key(this.box.row, this.box.col));
  }

  protected override snapshot(): void {
    this.snap = { content: this.model?.content ?? "", authorName: this.model?.author ?? "" };
  }

  get content(): string { this.need("content"); return this.snap.content; }
  set content(value: string) {
    this.ctx.wrote();
    const comment = this.model;
    if (comment && comment.author !== this.ctx.model.me) this.ctx.fail(new ExcelDoubleError("AccessDenied", "You can only edit your own comments."));
    else if (comment) comment.content = value;
  }

  get authorName(): string { this.need("authorName"); return this.snap.authorName; }

  getLocation(): Range {
    return new Range(this.ctx, this.sheet, this.box);
  }

  delete(): void {
    this.ctx.wrote();
    this.sheet.comments.delete(key(this.box.row, this.box.col));
  }
}

/** Worksheet.pageLayout (ExcelApi 1.9): what the add-in set, kept for the test to read. */
export class PageLayout extends ClientObject {
  constructor(ctx: RequestContext, private readonly sheet: SheetModel) {
    super(ctx);
    return new Proxy(this, {
      set: (target, name, value) => {
        if (typeof name !== "string" || name in target) return Reflect.set(target, name, value);
        target.ctx.wrote();
        if (target.ctx.model.excelApi < 9) target.ctx.fail(new ExcelDoubleError("ApiNotFound", "pageLayout needs ExcelApi 1.9."));
        target.sheet.page[name] = value;
        return true;
      },
    });
  }

  setPrintTitleRows(rows: string | Range): void {
    this.ctx.wrote();
    this.sheet.page.printTitleRows = typeof rows === "string" ? rows : formatAddress(this.sheet.name, rows.box);
  }

  setPrintTitleColumns(columns: string | Range): void {
    this.ctx.wrote();
    this.sheet.page.printTitleColumns = typeof columns === "string" ? columns : formatAddress(this.sheet.name, columns.box);
  }

  /** The footer and header texts (headersFooters.defaultForAllPages.centerFooter…), kept as "footer.centerFooter". */
  get headersFooters(): { defaultForAllPages: Record<string, string> } {
    const { ctx, sheet } = this;
    return {
      defaultForAllPages: new Proxy({} as Record<string, string>, {
        set: (_t, name, value) => {
          ctx.wrote();
          sheet.page[`footer.${String(name)}`] = value;
          return true;
        },
      }),
    };
  }
}

// ------------------------------------------------------------------------------------------------- charts

export class ChartCollection extends ClientObject {
  constructor(ctx: RequestContext, private readonly sheet: SheetModel) {
    super(ctx);
  }

  add(type: string, source: Range, _seriesBy?: string): Chart {
    this.ctx.wrote();
    const chart = { name: `图表 ${this.sheet.charts.length + 1}`, type, source: source.box, title: "" };
    this.sheet.charts.push(chart);
    return new Chart(this.ctx, chart);
  }

  getItemOrNullObject(name: string): { isNullObject: boolean; delete(): void } {
    const chart = this.sheet.charts.find((c) => c.name === name);
    const sheet = this.sheet, ctx = this.ctx, at = ctx.syncedGeneration;
    return {
      get isNullObject() {
        if (ctx.syncedGeneration <= at) throw new ExcelDoubleError("PropertyNotLoaded", "isNullObject needs a sync.");
        return !chart;
      },
      delete: () => {
        ctx.wrote();
        sheet.charts = sheet.charts.filter((c) => c !== chart);
      },
    };
  }

  get count(): number {
    return this.sheet.charts.length;
  }
}

export class Chart extends ClientObject {
  readonly title: { text: string };
  readonly legend = { position: "", visible: true };
  readonly axes = { valueAxis: { title: { text: "" } }, categoryAxis: { title: { text: "" } } };

  constructor(ctx: RequestContext, private readonly chart: { name: string; title: string }) {
    super(ctx);
    const model = chart;
    this.title = {
      get text() { return model.title; },
      set text(value: string) { ctx.wrote(); model.title = value; },
    };
  }

  get name(): string { return this.chart.name; }
  set name(value: string) { this.ctx.wrote(); this.chart.name = value; }
  set top(_v: number) { this.ctx.wrote(); }
  set left(_v: number) { this.ctx.wrote(); }
  set width(_v: number) { this.ctx.wrote(); }
  set height(_v: number) { this.ctx.wrote(); }

  setPosition(_start: string | Range, _end?: string | Range): void {
    this.ctx.wrote();
  }
}
