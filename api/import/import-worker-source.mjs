// Starts the import worker from the TypeScript source (the local server runs under tsx): the worker thread
// does not inherit tsx's loader, so it registers it before loading the worker.
import { register } from "tsx/esm/api";

register();
await import("./import-worker.ts");
