// The processes the browser tests need are the product's own local services.
export { freePort, startDynamoLocal, stopChild, type DynamoLocal } from "../../api/local/dynamo-local";
