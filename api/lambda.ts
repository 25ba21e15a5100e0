// AWS Lambda entry: the same Hono app as locally, its table, token verifier and user pool from the environment.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { handle } from "hono/aws-lambda";
import { CognitoPeople } from "./accounts/cognito-people";
import { createApp } from "./app";
import { verifierFromEnv } from "./auth/from-env";
import { documentClient } from "./storage/dynamodb-client";
import { DynamoRepository } from "./storage/dynamodb-repository";

const table = process.env.TABLE_NAME;
if (!table) throw new Error("TABLE_NAME is not set");

const userPoolId = process.env.COGNITO_USER_POOL_ID;
const app = createApp({
  repository: new DynamoRepository(documentClient(), table),
  verifier: await verifierFromEnv(process.env),
  // The admin's 账号 view drives the user pool; people sign in with Cognito itself, so there is no /auth here.
  ...(userPoolId ? { people: new CognitoPeople(new CognitoIdentityProviderClient({ maxAttempts: 3 }), userPoolId) } : {}),
  allowedOrigins: (process.env.ADDIN_ORIGIN ?? "").split(",").filter(Boolean),
});

export const handler = handle(app);
