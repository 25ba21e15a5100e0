/** A requirement as a layout reader found it, before units and deadlines are read. */
export interface RawTask {
  /** The plan's own number for the task (stable id), e.g. "12", or "1.2.3" for prose without plan-wide numbers. */
  id: string;
  /** The number as printed. */
  no: string;
  section: string;
  category?: string;
  text: string;
  /** The 牵头/责任单位 cell, or the （责任单位：…） of prose. */
  unitsText: string;
  /** The 时限要求 cell; undefined when the layout has no such column. */
  deadlineText?: string;
  /** 1-based line of the source where the task starts, for the report. */
  line: number;
}

export interface ReaderWarning {
  line: number;
  code: string;
  message: string;
}

export interface LayoutReading {
  tasks: RawTask[];
  warnings: ReaderWarning[];
}
