// AWS Lambda entry: the same Hono app as locally, its table and token verifier from the environment.
import { handle } from "hono/aws-lambda";
import { createApp } from "./app";
import { verifierFromEnv } from "./auth/from-env";
import { documentClient } from "./storage/dynamodb-client";
import { DynamoRepository } from "./storage/dynamodb-repository";

const table = process.env.TABLE_NAME;
if (!table) throw new Error("TABLE_NAME is not set");

const app = createApp({
  repository: new DynamoRepository(documentClient(), table),
  verifier: await verifierFromEnv(process.env),
  allowedOrigins: (process.env.ADDIN_ORIGIN ?? "").split(",").filter(Boolean),
});

export const handler = handle(app);
