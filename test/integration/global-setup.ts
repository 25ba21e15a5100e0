// One DynamoDB Local (in memory) for the whole integration run; each test file makes its own table in it.
import type { TestProject } from "vitest/node";
import { startDynamoLocal, type DynamoLocal } from "../../api/local/dynamo-local";

let dynamo: DynamoLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  dynamo = await startDynamoLocal();
  project.provide("dynamoEndpoint", dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
