// The DynamoDB client every store on the table uses: on AWS from the function's role and region, locally
// against DynamoDB Local's endpoint. Bounded in time: a database that hangs costs a request a few seconds and a
// 503, never the whole 30 s API Gateway allows (or forever, locally).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface ClientLimits {
  /** Connecting to the endpoint (TCP, TLS). */
  connectMs: number;
  /** One attempt, from sending the request to the last byte of the answer. DynamoDB answers in milliseconds. */
  requestMs: number;
  /** Attempts in all, the first included; the SDK backs off between them (standard retry mode). */
  maxAttempts: number;
}

/** At worst about 2 × 2 s plus a back-off before the route answers 503. */
export const DEFAULT_LIMITS: ClientLimits = { connectMs: 1_000, requestMs: 2_000, maxAttempts: 2 };

export function documentClient(options: { endpoint?: string; region?: string; limits?: Partial<ClientLimits> } = {}): DynamoDBDocumentClient {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const client = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? "cn-north-1",
    maxAttempts: limits.maxAttempts,
    retryMode: "standard",
    requestHandler: { connectionTimeout: limits.connectMs, requestTimeout: limits.requestMs, throwOnRequestTimeout: true },
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Errors a network or an overloaded service gives: the request may succeed later, the app says 503. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND"]);
const OVERLOAD = new Set([
  "TimeoutError",
  "RequestTimeout",
  "AbortError",
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
]);

/** True when the database could not be reached or did not answer in time, as opposed to refusing the request. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = (error as { code?: string }).code;
  return OVERLOAD.has(error.name) || (code !== undefined && NETWORK_CODES.has(code)) || (status !== undefined && status >= 500);
}
