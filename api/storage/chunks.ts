import type { LedgerRow } from "../../core/ledger/schema";

/** DynamoDB items stop at 400 KB; rows go in chunks well below it, measured in UTF-8 bytes of their JSON. */
export const CHUNK_BYTES = 350 * 1024;

export function chunkRows(rows: readonly LedgerRow[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const bytes = Buffer.byteLength(json) + 1;
    if (current.length && size + bytes > CHUNK_BYTES) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += bytes;
  }
  if (current.length || chunks.length === 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}
