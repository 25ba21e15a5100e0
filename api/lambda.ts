// AWS Lambda entry: the same Hono app as locally, its table, token verifier and user pool from the environment.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { handle } from "hono/aws-lambda";
import { CognitoPeople } from "./accounts/cognito-people";
import { createApp } from "./app";
import { verifierFromEnv } from "./auth/from-env";
import { s3ExportStore } from "./exports/s3-export-store";
import { mailerFromEnv } from "./notify/mail";
import { runDailyDigest } from "./oversight/digest";
import { DIGEST_SCHEDULE_TEXT, isDigestEvent } from "./oversight/digest-time";
import { documentClient } from "./storage/dynamodb-client";
import { DynamoOversightStore } from "./storage/dynamodb-oversight-store";
import { DynamoRepository } from "./storage/dynamodb-repository";

const table = process.env.TABLE_NAME;
if (!table) throw new Error("TABLE_NAME is not set");
const exportBucket = process.env.EXPORT_BUCKET;
if (!exportBucket) throw new Error("EXPORT_BUCKET is not set");

const db = documentClient();
const repository = new DynamoRepository(db, table);
const oversight = { store: new DynamoOversightStore(db, table), notify: { mailer: mailerFromEnv(process.env) }, scheduleText: DIGEST_SCHEDULE_TEXT };
const userPoolId = process.env.COGNITO_USER_POOL_ID;
const app = createApp({
  repository,
  oversight,
  verifier: await verifierFromEnv(process.env),
  exports: s3ExportStore({ bucket: exportBucket }),
  // The admin's 账号 view drives the user pool; people sign in with Cognito itself, so there is no /auth here.
  ...(userPoolId ? { people: new CognitoPeople(new CognitoIdentityProviderClient({ maxAttempts: 3 }), userPoolId) } : {}),
  allowedOrigins: (process.env.ADDIN_ORIGIN ?? "").split(",").filter(Boolean),
});

const http = handle(app);

/** HTTP requests go to the app; the daily schedule's invocation (EventBridge Scheduler) runs the digest. */
export const handler = async (event: Parameters<typeof http>[0], context: Parameters<typeof http>[1]) => {
  if (isDigestEvent(event)) {
    const run = await runDailyDigest({ repository, store: oversight.store, notify: oversight.notify, now: () => new Date().toISOString() });
    const plans = run.plans.map((p) => ({ plan: p.planId, sent: p.deliveries.filter((d) => d.status === "已送达").length, failed: p.deliveries.filter((d) => d.status === "失败").length }));
    const summary = JSON.stringify({ digest: run.day, skipped: run.skipped, plans });
    // Failures are in the office's record already; the log line is the operator's.
    console.info(summary);
    return { statusCode: plans.some((p) => p.failed) ? 500 : 200, body: summary };
  }
  return http(event, context);
};
