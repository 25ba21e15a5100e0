// AWS Lambda entry: the same Hono app as locally, its table and token verifier from the environment.
import { handle } from "hono/aws-lambda";
import { createApp } from "./app";
import { verifierFromEnv } from "./auth/from-env";
import { s3ExportStore } from "./exports/s3-export-store";
import { documentClient, Repository } from "./storage/repository";

const table = process.env.TABLE_NAME;
if (!table) throw new Error("TABLE_NAME is not set");
const exportBucket = process.env.EXPORT_BUCKET;
if (!exportBucket) throw new Error("EXPORT_BUCKET is not set");

const app = createApp({
  repository: new Repository(documentClient(), table),
  verifier: await verifierFromEnv(process.env),
  exports: s3ExportStore({ bucket: exportBucket }),
  allowedOrigins: (process.env.ADDIN_ORIGIN ?? "").split(",").filter(Boolean),
});

export const handler = handle(app);
