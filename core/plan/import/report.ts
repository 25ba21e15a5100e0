import { z } from "zod";

export const ImportWarning = z.object({
  /** 1-based line of the source document; 0 when the warning is about the whole document. */
  line: z.number().int().min(0),
  /** Stable English identifier, e.g. "no-unit", "deadline-unparsed". */
  code: z.string(),
  message: z.string(),
  /** The task the warning is about, when it is about one (the 方案 sheet shows it on that task's row). */
  taskId: z.string().optional(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

/** What the import read and, above all, what it could not: nothing is dropped without a line here. */
export const ImportReport = z.object({
  /** Which reading was kept; LAYOUTS in layout.ts names each in Chinese. */
  layout: z.enum(["markdown-table", "tab-cells", "tsv-table", "csv-table", "html-table", "word-table", "excel-sheet", "numbered-prose"]),
  counts: z.object({
    tasks: z.number().int(),
    units: z.number().int(),
    rulesParsed: z.number().int(),
    rulesUnparsed: z.number().int(),
  }),
  warnings: z.array(ImportWarning),
});
export type ImportReport = z.infer<typeof ImportReport>;
