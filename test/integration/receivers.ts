// Real receivers on this machine for the reminder channels: an HTTP server standing in for the 企业微信 and 钉钉
// robots (it checks 钉钉's signature the way 钉钉 documents it, and can be told to fail), and an SMTP server
// (smtp-server) that keeps every mail it is given, parsed with mailparser.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface RobotCall {
  robot: "wecom" | "dingtalk";
  url: URL;
  body: any;
  /** For 钉钉: whether timestamp and sign were right (and the time within the hour 钉钉 allows). */
  signed?: boolean;
}

/** What the robot does with the next requests: answer normally, fail with HTTP, answer an error code, or hang. */
export type Script = Array<{ http: number } | { errcode: number; errmsg: string } | "hang">;

export interface Robots {
  origin: string;
  wecomUrl: string;
  dingtalkUrl: string;
  dingtalkSecret: string;
  calls: RobotCall[];
  /** Consumed one per request, before answering normally. */
  script: Script;
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((done) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
  });

/** On `port` when given (a scenario whose API was told the origin in advance), else on any free port. */
export async function startRobots(port = 0): Promise<Robots> {
  const secret = "SECtest0123456789abcdef";
  const calls: RobotCall[] = [];
  const script: Script = [];
  const hanging = new Set<import("node:http").ServerResponse>();
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url!, "http://127.0.0.1");
    const body = JSON.parse(await readBody(request));
    const robot = url.pathname.startsWith("/cgi-bin/webhook") ? "wecom" : "dingtalk";
    let signed: boolean | undefined;
    if (robot === "dingtalk") {
      const timestamp = Number(url.searchParams.get("timestamp"));
      const expected = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
      signed = url.searchParams.get("sign") === expected && Math.abs(Date.now() - timestamp) < 3600_000;
    }
    calls.push({ robot, url, body, ...(signed === undefined ? {} : { signed }) });
    const step = script.shift();
    if (step === "hang") return void hanging.add(response);
    if (step && "http" in step) return void response.writeHead(step.http).end("Bad Gateway");
    response.writeHead(200, { "content-type": "application/json" });
    if (step) return void response.end(JSON.stringify(step));
    if (signed === false) return void response.end(JSON.stringify({ errcode: 310000, errmsg: "sign not match" }));
    response.end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    wecomUrl: `${origin}/cgi-bin/webhook/send?key=test-key`,
    dingtalkUrl: `${origin}/robot/send?access_token=test-token`,
    dingtalkSecret: secret,
    calls,
    script,
    close: () =>
      new Promise((done) => {
        for (const r of hanging) r.destroy();
        server.close(() => done());
      }),
  };
}

export interface Mailbox {
  url: string;
  mails: ParsedMail[];
  /** Resolves once `count` mails have arrived. */
  received(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: ParsedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    received: async (count) => {
      while (mails.length < count) await new Promise<void>((wake) => waiters.push(wake));
      return mails;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
