// The app as the API benchmarks run it: DynamoDB Local in memory, a fresh table, a signing key, a scratch folder
// for exports, and the repository and app on them.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../api/app";
import { localVerifier } from "../../api/auth/local-tokens";
import { localExportStore } from "../../api/exports/local-export-store";
import { startDynamoLocal } from "../../api/local/dynamo-local";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ensureTable } from "../../api/storage/table";

export async function startBenchApi(fill: (repository: DynamoRepository) => Promise<unknown>) {
  const dynamo = await startDynamoLocal();
  try {
    const db = documentClient({ endpoint: dynamo.endpoint });
    const table = `bench-${randomUUID()}`;
    await ensureTable(db, table);
    const repository = new DynamoRepository(db, table);
    await fill(repository);
    const key = new TextEncoder().encode("bench-key-bench-key-bench-key-32");
    const scratch = mkdtempSync(join(tmpdir(), "taizhang-bench-"));
    const app = createApp({ repository, verifier: localVerifier(key), exports: localExportStore({ dir: join(scratch, "exports") }) });
    return {
      db,
      table,
      repository,
      key,
      app,
      endpoint: dynamo.endpoint,
      scratch,
      stop: async () => {
        await dynamo.stop();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
