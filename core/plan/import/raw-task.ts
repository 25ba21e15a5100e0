/** A requirement as a layout reader found it, before units and deadlines are read. */
export interface RawTask {
  /** The plan's own number for the task (stable id), e.g. "12", or "1.2.3" for prose without plan-wide numbers. */
  id: string;
  /** The number as printed. */
  no: string;
  section: string;
  category?: string;
  text: string;
  /** Who carries it, as the document words it: one cell "X牵头，Y配合", or separate 牵头 and 配合 cells. */
  units: { combined?: string; lead?: string; support?: string; all?: boolean };
  /** The 时限要求 cell or field; undefined when the layout states none (the text is searched instead). */
  deadlineText?: string;
  /** 1-based line (text) or row (table) where the task starts, for the report and the 方案 sheet. */
  line: number;
  /** How the report names that place: "第12行", "Word第1个表格第3行". */
  where: string;
}

export interface ReaderWarning {
  line: number;
  code: string;
  message: string;
  /** The task the warning is about, when it is about one (the 方案 sheet puts it on that task's row). */
  taskId?: string;
}

export interface LayoutReading {
  tasks: RawTask[];
  warnings: ReaderWarning[];
}
