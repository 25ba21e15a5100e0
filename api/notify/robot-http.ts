// The POST both group robots take: JSON in, {errcode, errmsg} out, within a time limit, never following a
// redirect (a webhook that moves is not the one the office set up), reading a bounded answer.
import { shortAnswer, type Attempt } from "./channel";

const MAX_ANSWER_BYTES = 64 * 1024;

async function boundedText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES));
}

/** What the robots' common refusals mean, for the office reading the record. */
const MEANINGS: Record<number, string> = {
  45009: "发送过于频繁，每个机器人每分钟最多 20 条",
  130101: "发送过于频繁，每个机器人每分钟最多 20 条",
  93000: "机器人地址无效或机器人已被移出群",
  310000: "加签密钥、关键词或 IP 限制不符，请核对钉钉机器人的安全设置",
  40035: "消息内容不合规或过长",
};

/**
 * Posts and reads the robot's verdict. `retryableCodes` are the robot's own "too many / busy" codes; an HTTP 429
 * or 5xx, a timeout or a dropped connection are retryable too; any other refusal is not (a wrong key stays wrong).
 */
export async function postToRobot(url: string, body: unknown, signal: AbortSignal, retryableCodes: ReadonlySet<number>): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), redirect: "error", signal });
  } catch (error) {
    const why = signal.aborted ? "对方在限定时间内没有响应" : `无法连接（${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)}）`;
    return { ok: false, retryable: true, answer: why };
  }
  const text = await boundedText(response).catch(() => "");
  if (!response.ok) return { ok: false, retryable: response.status === 429 || response.status >= 500, answer: shortAnswer(`HTTP ${response.status} ${text}`) };
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(text);
  } catch {
    return { ok: false, retryable: false, answer: shortAnswer(`对方的答复无法识别：${text}`) };
  }
  const code = typeof reply.errcode === "number" ? reply.errcode : Number.NaN;
  const meaning = MEANINGS[code];
  const answer = shortAnswer(`errcode ${String(reply.errcode)}：${String(reply.errmsg ?? "")}${meaning ? `（${meaning}）` : ""}`);
  if (code === 0) return { ok: true, retryable: false, answer };
  return { ok: false, retryable: retryableCodes.has(code), answer };
}
