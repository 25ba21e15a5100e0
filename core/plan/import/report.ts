import { z } from "zod";

export const ImportWarning = z.object({
  /** 1-based line of the source document; 0 when the warning is about the whole document. */
  line: z.number().int().min(0),
  /** Stable English identifier, e.g. "no-unit", "deadline-unparsed". */
  code: z.string(),
  message: z.string(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

/** What the import read and, above all, what it could not: nothing is dropped without a line here. */
export const ImportReport = z.object({
  layout: z.enum(["markdown-table", "tab-cells", "numbered-prose"]),
  counts: z.object({
    tasks: z.number().int(),
    units: z.number().int(),
    rulesParsed: z.number().int(),
    rulesUnparsed: z.number().int(),
  }),
  warnings: z.array(ImportWarning),
});
export type ImportReport = z.infer<typeof ImportReport>;
