// E-mail through nodemailer: SMTP on the office's own server locally, Amazon SES on AWS. The same message either
// way; which transport is the operator's choice (environment), not the office's.
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { createTransport, type Transporter } from "nodemailer";
import { z } from "zod";
import { shortAnswer, type Attempt, type Channel } from "./channel";

const TIMEOUT_MS = 8_000;

export const MailConfig = z.discriminatedUnion("MAIL_TRANSPORT", [
  z.object({ MAIL_TRANSPORT: z.literal("smtp"), SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: "SMTP_URL 应以 smtp:// 或 smtps:// 开头" }), MAIL_FROM: z.string().min(3) }),
  z.object({ MAIL_TRANSPORT: z.literal("ses"), MAIL_FROM: z.string().min(3), AWS_REGION: z.string().optional() }),
]);
export type MailConfig = z.infer<typeof MailConfig>;

export interface Mailer {
  transporter: Transporter;
  from: string;
  /** For the record: which way mail leaves. */
  via: string;
}

/** The mailer the environment names, or undefined when mail is not set up (the channel is then unavailable). */
export function mailerFromEnv(env: Record<string, string | undefined>): Mailer | undefined {
  if (!env.MAIL_TRANSPORT) return undefined;
  const config = MailConfig.parse(env);
  if (config.MAIL_TRANSPORT === "smtp") {
    return smtpMailer(config.SMTP_URL, config.MAIL_FROM);
  }
  const sesClient = new SESv2Client({ ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}), maxAttempts: 1, requestHandler: { requestTimeout: TIMEOUT_MS, connectionTimeout: 3_000 } });
  return { transporter: createTransport({ SES: { sesClient, SendEmailCommand } }), from: config.MAIL_FROM, via: "SES" };
}

/** SMTP over a URL, with timeouts an office's server cannot stretch. */
export function smtpMailer(url: string, from: string): Mailer {
  return { transporter: createTransport({ url, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: TIMEOUT_MS }), from, via: "SMTP" };
}

function classify(error: unknown): Attempt {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; name?: string };
  // SMTP: 4xx is "try again later", 5xx a refusal; SES: throttling and 5xx are worth another try.
  if (typeof e.responseCode === "number") return { ok: false, retryable: e.responseCode < 500, answer: shortAnswer(e.response ?? `${e.responseCode}`) };
  const status = e.$metadata?.httpStatusCode;
  if (status) return { ok: false, retryable: status === 429 || status >= 500 || e.name === "TooManyRequestsException", answer: shortAnswer(`${e.name ?? "SES"} ${status}：${e.message ?? ""}`) };
  return { ok: false, retryable: true, answer: shortAnswer(`无法连接邮件服务器（${e.code ?? e.message ?? String(error)}）`) };
}

export function mailChannel(mailer: Mailer): Channel {
  return {
    kind: "mail",
    to: `邮件（${mailer.via}）`,
    maxBytes: 64 * 1024,
    async send(message, signal) {
      if (message.emails.length === 0) return { ok: false, retryable: false, answer: "该单位没有登记邮箱，未发送" };
      const sending = mailer.transporter.sendMail({ from: mailer.from, to: message.emails, subject: message.subject, text: message.text });
      const aborted = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(Object.assign(new Error("timeout"), { code: "超时" })), { once: true }));
      try {
        const info = await Promise.race([sending, aborted]);
        sending.catch(() => undefined);
        return { ok: true, retryable: false, answer: shortAnswer(String((info as { response?: unknown }).response ?? "已交给邮件服务器")) };
      } catch (error) {
        sending.catch(() => undefined);
        return classify(error);
      }
    },
  };
}
