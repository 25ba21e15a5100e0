import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { formatIssues } from "../../core/schema-kit";

/** A problem with what the user typed or pointed at: printed as one line, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Reads argv with node's parseArgs, then checks the result with a zod schema, so every CLI input gets the
 * same Chinese messages as the API. `positionals` holds the arguments without a flag.
 */
export function parseCli<S extends z.ZodType>(
  argv: string[],
  options: Options,
  schema: S,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`参数有误：${(error as Error).message}`);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) throw new UsageError(`参数有误：${formatIssues(result.error)}`);
  return result.data;
}
