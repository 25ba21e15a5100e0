// The app on Node's http server, with the whole request body read before the app sees it, as API Gateway does
// on AWS. Why: a body over the limit used to get a 413 answered while the client was still sending, and then
// the connection closed under it (@hono/node-server drains an unread body for 500 ms, then destroys the
// socket), so a client uploading a few MB saw a reset or EPIPE instead of the 413, about half the time. Here
// an oversized body is read to its end and thrown away (bounded, below), and only then does the app answer its
// 413 (with CORS and the other headers, so a browser sees it too); the connection stays usable.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { bodyLimitOf } from "../app";

/** Past this much, or this long, a body is not a mistake but an attack: the connection is closed. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;
const MAX_DISCARD_MS = 60_000;

type Fetch = (request: Request) => Response | Promise<Response>;

/** Reads the body; when it is over the limit, keeps only its first limit + 1 bytes (enough to say so). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((done) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let seen = 0;
    const timer = setTimeout(() => req.socket.destroy(), MAX_DISCARD_MS);
    req.on("data", (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > MAX_DISCARD_BYTES) {
        clearTimeout(timer);
        req.socket.destroy();
        return;
      }
      if (keptBytes <= limit) {
        const part = chunk.subarray(0, limit + 1 - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
    });
    req.on("end", () => {
      clearTimeout(timer);
      done(Buffer.concat(kept, keptBytes));
    });
    req.on("error", () => {
      clearTimeout(timer);
      done(undefined);
    });
    req.on("close", () => {
      clearTimeout(timer);
      if (!req.complete) done(undefined);
    });
  });
}

export interface NodeServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export function serveApp(fetch: Fetch, options: { port: number; hostname?: string }): Promise<NodeServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  const listener = getRequestListener(fetch);
  const server = createServer(async (req, res) => {
    if (req.method === "GET" || req.method === "HEAD") return listener(req, res);
    // The route's own limit (the app's bodyLimitOf), so the app's check sees the same body it would on Lambda.
    const body = await readBody(req, bodyLimitOf(new URL(req.url ?? "/", "http://localhost").pathname));
    if (!body) return; // the client went away, or was cut off: nobody to answer
    // @hono/node-server takes a body already read from `rawBody` (as on Cloud Functions); the app's own body
    // limit then sees the oversized one by its Content-Length or by the extra byte kept.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    return listener(req, res);
  });
  return new Promise((ready, fail) => {
    server.once("error", fail);
    server.listen(options.port, hostname, () => {
      const { port } = server.address() as { port: number };
      ready({
        url: `http://${hostname === "127.0.0.1" ? "localhost" : hostname}:${port}`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
