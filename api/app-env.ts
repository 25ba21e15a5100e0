// What every route finds on the request context. Its own module, so app.ts and routes/* import it without
// importing each other.
import type { AuthEnv } from "./auth/middleware";

export type AppEnv = AuthEnv;
