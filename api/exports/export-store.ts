// Where a generated file (the consolidated .xlsx) is kept for a few minutes and handed out by link, so a reply never
// carries the file itself: on AWS an S3 bucket and a presigned link (s3-export-store.ts), on this machine a folder
// under .data and a signed link on the local API (local-export-store.ts). The route writes and links the same way.
import type { Writable } from "node:stream";
import type { Hono } from "hono";
import type { ExportLink } from "../../core/api/contract";

/** How long a download link works. Long enough to click, short enough that a forwarded link soon dies. */
export const EXPORT_LINK_SECONDS = 300;

/** How long a file is kept: S3's lifecycle rule works in days, and the local folder follows it. */
export const EXPORT_KEEP_DAYS = 1;

/** In S3, the one prefix the function's role may write and read, and the lifecycle rule empties. */
export const EXPORT_PREFIX = "exports/";

/** Keys are "<planId>/<uuid>.xlsx"; nothing else is stored or served. */
export const EXPORT_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.xlsx$/;

export interface ExportFile {
  key: string;
  contentType: string;
  /** The name the browser saves it under. */
  fileName: string;
}

export interface ExportStore {
  /**
   * Stores what `produce` writes to the stream it is given (and ends). The file becomes visible only whole: when
   * `produce` fails, nothing is kept and its error is thrown.
   */
  save(file: ExportFile, produce: (out: Writable) => Promise<unknown>): Promise<void>;
  /** A link to a stored file that works for EXPORT_LINK_SECONDS; `origin` is the API's, as the request named it. */
  link(file: ExportFile, origin: string): Promise<ExportLink>;
  /** Routes under /exports that serve the links, for a store the API itself serves (none for S3). */
  readonly routes?: Hono;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name, for a Chinese file name. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
