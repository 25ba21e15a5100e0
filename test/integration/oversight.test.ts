// Issue 15 on the real API and DynamoDB Local with real receivers: an HTTP server standing in for the 企业微信 and
// 钉钉 robots, smtp-server receiving the mails. Units sync, the office reviews, looks at the reminders and the
// ranking, 催报 three late units through all three channels, sees the record, a failing channel is retried, and
// the daily digest fires on a short schedule.
import mammoth from "mammoth";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer } from "../../api/notify/mail";
import { scheduleDigest } from "../../api/oversight/schedule";
import type { DigestRun } from "../../api/oversight/digest";
import type { Delivery } from "../../core/oversight/schema";
import { ledgerPath, testApi } from "./harness";
import { plan, row } from "../fixtures/oversight/plan";
import { startMailbox, startRobots, type Mailbox, type Robots } from "./receivers";

let clock = "2022-05-20T02:00:00.000Z";
let api: Awaited<ReturnType<typeof testApi>>;
let robots: Robots;
let mailbox: Mailbox;
const tokens: Record<string, string> = {};
const P = `/plans/${plan.id}`;
const m = { measures: "已部署" };
const MOBILES: Record<string, string> = { 区建设局: "13800000001", 区财政局: "13800000002", 区教育局: "13800000003", 区卫健局: "13800000004" };
const email = (unit: string) => `${MOBILES[unit]}@example.gov.cn`;

beforeAll(async () => {
  robots = await startRobots();
  mailbox = await startMailbox();
  api = await testApi({
    now: () => clock,
    notify: { mailer: smtpMailer(mailbox.url, "督办 <duban@example.gov.cn>"), extraWebhookOrigins: [robots.origin] },
    retry: { attempts: 3, timeoutMs: 2_000, pausesMs: [50, 100] },
  });
  tokens.admin = await api.token("admin");
  tokens.office = await api.token("office", undefined, { sub: "wang.office", name: "王五" });
  for (const unit of plan.units) tokens[unit.name] = await api.token("clerk", unit.name, { sub: `clerk-${unit.name}`, name: "联络员" });
  expect((await api.call("PUT", P, tokens.admin, plan)).status).toBe(200);

  const sync = async (unit: string, rows: unknown[], at: string) => {
    clock = at;
    const base = (await api.call("GET", ledgerPath(plan.id, unit), tokens[unit])).body.version;
    const reply = await api.call("PUT", ledgerPath(plan.id, unit), tokens[unit], { baseVersion: base, rows });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  };
  // 区建设局 on time; 区财政局 three working days after ledgerDue (05-31; 06-03 is 端午); the others never.
  await sync("区建设局", [row("1", { status: "已完成", doneOn: "2022-05-19", ...m }), row("3", { status: "推进中", ...m }), row("4", { status: "长期坚持", ...m })], "2022-05-20T02:00:00.000Z");
  await sync("区财政局", [row("1", { status: "推进中", ...m }), row("2", { status: "未开始" }), row("4", { status: "长期坚持", ...m })], "2022-06-06T02:00:00.000Z");
  clock = "2022-10-13T02:00:00.000Z";
}, 60_000);

afterAll(async () => {
  await robots?.close();
  await mailbox?.close();
});

describe("the office's channels and the units' contacts", () => {
  it("takes the robots' addresses and secret and never gives them back", async () => {
    const put = await api.call("PUT", "/notify/settings", tokens.office, {
      wecom: { webhook: robots.wecomUrl },
      dingtalk: { webhook: robots.dingtalkUrl, secret: robots.dingtalkSecret },
      mail: { enabled: true },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const view = await api.call("GET", "/notify/settings", tokens.office);
    expect(view.body).toMatchObject({ wecom: { configured: true }, dingtalk: { configured: true }, mail: { enabled: true, available: true } });
    expect(JSON.stringify(view.body)).not.toContain("test-key");
    expect(JSON.stringify(view.body)).not.toContain(robots.dingtalkSecret);
  });

  it("refuses a webhook that is not the robot's own host, and a clerk's hand on the settings", async () => {
    const inside = await api.call("PUT", "/notify/settings", tokens.office, { wecom: { webhook: "http://169.254.169.254/latest/meta-data" } });
    expect(inside.status).toBe(400);
    expect(inside.body.error).toMatchObject({ path: "wecom.webhook", message: expect.stringContaining("https://qyapi.weixin.qq.com/") });
    expect((await api.call("PUT", "/notify/settings", tokens.区建设局, { mail: { enabled: false } })).status).toBe(403);
    expect((await api.call("GET", "/notify/settings", tokens.区建设局)).status).toBe(403);
  });

  it("keeps each unit's contacts, edited by the admin only, with Chinese errors for a bad mobile", async () => {
    // 建设局 is an alias of 区建设局: contacts are kept under the directory's own name.
    for (const unit of ["建设局", "区财政局", "区教育局", "区卫健局"]) {
      const name = unit === "建设局" ? "区建设局" : unit;
      const put = await api.call("PUT", `${P}/contacts/${encodeURIComponent(unit)}`, tokens.admin, { people: [{ name: `${name}联络员`, mobile: MOBILES[name], email: email(name) }] });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    const bad = await api.call("PUT", `${P}/contacts/${encodeURIComponent("区教育局")}`, tokens.admin, { people: [{ name: "李", mobile: "12345" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("手机号应为 11 位数字");
    expect((await api.call("PUT", `${P}/contacts/${encodeURIComponent("区教育局")}`, tokens.office, { people: [] })).status).toBe(403);
    const list = await api.call("GET", `${P}/contacts`, tokens.office);
    expect(list.body.units.map((u: { unit: string; people: unknown[] }) => [u.unit, u.people.length])).toEqual([["区建设局", 1], ["区财政局", 1], ["区教育局", 1], ["区卫健局", 1]]);
  });
});

describe("reviews, reminders and the ranking", () => {
  it("records the reviewer's name, and the clerk sees the 退回 row as a 待办 until it changes", async () => {
    const review = await api.call("POST", `${ledgerPath(plan.id, "区建设局")}/review`, tokens.office, { rowKey: "3", verdict: "退回", comment: "请补充佐证材料" });
    expect(review.status).toBe(200);
    expect(review.body.rows[1].review).toMatchObject({ verdict: "退回", by: "王五（督办汇总）" });
    const todo = await api.call("GET", `${P}/units/${encodeURIComponent("区建设局")}/reminders`, tokens.区建设局);
    expect(todo.body).toMatchObject({ unit: "区建设局", ledger: { state: "已报送" }, returned: [{ rowKey: "3", comment: "请补充佐证材料", by: "王五（督办汇总）" }] });
    expect(todo.body.overdue.map((i: { no: string }) => i.no)).toEqual(["3"]);
    expect((await api.call("GET", `${P}/units/${encodeURIComponent("区建设局")}/reminders`, tokens.区财政局)).status).toBe(403);
  });

  it("lists every unit's reminders for the office, the late ones marked", async () => {
    const reply = await api.call("GET", `${P}/reminders?within=3`, tokens.office);
    expect(reply.status).toBe(200);
    const late = reply.body.units.filter((u: { late: boolean }) => u.late).map((u: { unit: string }) => u.unit);
    expect(late).toEqual(["区建设局", "区财政局", "区教育局", "区卫健局"]);
    const finance = reply.body.units.find((u: { unit: string }) => u.unit === "区财政局");
    expect(finance.ledger).toMatchObject({ state: "逾期报送", workdays: 3 });
    expect(finance.overdue.map((i: { no: string }) => i.no)).toEqual(["1", "2"]);
    expect((await api.call("GET", `${P}/reminders`, tokens.区建设局)).status).toBe(403);
  });

  it("ranks the units with the office's weights and keeps the day's scores as history", async () => {
    const first = await api.call("GET", `${P}/ranking`, tokens.office);
    expect(first.body.weights).toEqual({ timely: 25, completion: 35, onTime: 30, returns: 10 });
    expect(first.body.scores.map((s: { unit: string }) => s.unit)).toEqual(["区建设局", "区财政局", "区教育局", "区卫健局"]);
    expect(first.body.scores[0]).toMatchObject({ rank: 1, returns: 1, report: "已报送" });
    const weights = await api.call("PUT", `${P}/ranking/weights`, tokens.office, { timely: 0, completion: 0, onTime: 0, returns: 100 });
    expect(weights.status).toBe(200);
    clock = "2022-10-14T02:00:00.000Z";
    const second = await api.call("GET", `${P}/ranking`, tokens.office);
    expect(second.body.scores.map((s: { unit: string; rank: number }) => [s.rank, s.unit])).toEqual([[1, "区财政局"], [1, "区教育局"], [1, "区卫健局"], [4, "区建设局"]]);
    expect(second.body.history.map((h: { date: string }) => h.date)).toEqual(["2022-10-13", "2022-10-14"]);
    const works = (day: number) => second.body.history[day].scores.find((s: { unit: string }) => s.unit === "区建设局");
    expect([works(0).rank, works(1).rank]).toEqual([1, 4]);
    const zero = await api.call("PUT", `${P}/ranking/weights`, tokens.office, { timely: 0, completion: 0, onTime: 0, returns: 0 });
    expect([zero.status, zero.body.error.message]).toEqual([400, "请求内容有误：权重不能全为 0"]);
    await api.call("PUT", `${P}/ranking/weights`, tokens.office, { timely: 25, completion: 35, onTime: 30, returns: 10 });
    clock = "2022-10-13T02:00:00.000Z";
  });
});

describe("催报 through the three channels, recorded", () => {
  const late = ["区财政局", "区教育局", "区卫健局"];
  let deliveries: Delivery[];

  it("sends each unit's message to the 企业微信 and 钉钉 groups, mentioning the contacts, and mails each unit", async () => {
    robots.calls.length = 0;
    const messages = late.map((unit) => ({ unit, text: `【催报】${unit}：请尽快报送台账并更新逾期任务。` }));
    const reply = await api.call("POST", `${P}/reminders/send`, tokens.office, { channels: ["wecom", "dingtalk", "mail"], messages });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    deliveries = reply.body.deliveries;

    const wecom = robots.calls.filter((c) => c.robot === "wecom");
    expect(wecom).toHaveLength(1);
    expect(wecom[0]!.url.searchParams.get("key")).toBe("test-key");
    expect(wecom[0]!.body).toEqual({ msgtype: "text", text: { content: messages.map((x) => x.text).join("\n\n"), mentioned_mobile_list: late.map((u) => MOBILES[u]) } });

    const ding = robots.calls.filter((c) => c.robot === "dingtalk");
    expect(ding).toHaveLength(1);
    expect(ding[0]!.signed).toBe(true);
    expect(ding[0]!.body.at).toEqual({ atMobiles: late.map((u) => MOBILES[u]), isAtAll: false });
    expect(ding[0]!.body.text.content).toBe(`${messages.map((x) => x.text).join("\n\n")}\n${late.map((u) => `@${MOBILES[u]}`).join(" ")}`);

    const mails = await mailbox.received(3);
    expect(mails.map((x) => [(x.to as { text: string }).text, x.subject, x.text?.trim()])).toEqual(
      late.map((unit, i) => [email(unit), `【催报】${plan.title}`, messages[i]!.text]),
    );
  });

  it("records who sent what to whom through which channel, with each channel's answer", async () => {
    const record = await api.call("GET", `${P}/reminders/sent`, tokens.office);
    const rows = record.body.deliveries.map((d: Delivery) => [d.channel, d.units.join("、"), d.status, d.by, d.kind]);
    expect(rows).toEqual(expect.arrayContaining([
      ["wecom", late.join("、"), "已送达", "王五（督办汇总）", "催报"],
      ["dingtalk", late.join("、"), "已送达", "王五（督办汇总）", "催报"],
      ...late.map((u) => ["mail", u, "已送达", "王五（督办汇总）", "催报"]),
    ]));
    expect(deliveries.find((d) => d.channel === "wecom")!.answer).toBe("errcode 0：ok");
    expect(deliveries.find((d) => d.channel === "mail")!.answer).toMatch(/^250 /);
    expect((await api.call("GET", `${P}/reminders/sent`, tokens.区建设局)).status).toBe(403);
  });

  it("retries a channel that is down or busy, and stops at once on a refusal", async () => {
    const send = () => api.call("POST", `${P}/reminders/send`, tokens.office, { channels: ["wecom"], messages: [{ unit: "区卫健局", text: "请报送台账" }] });
    robots.script.push({ http: 502 }, "hang");
    const recovered = (await send()).body.deliveries[0] as Delivery;
    expect(recovered).toMatchObject({ status: "已送达", attempts: 3, answer: "errcode 0：ok" });

    robots.script.push({ errcode: 45009, errmsg: "api freq out of limit" }, { errcode: 45009, errmsg: "api freq out of limit" }, { errcode: 45009, errmsg: "api freq out of limit" });
    const busy = (await send()).body.deliveries[0] as Delivery;
    expect(busy).toMatchObject({ status: "失败", attempts: 3, answer: "errcode 45009：api freq out of limit（发送过于频繁，每个机器人每分钟最多 20 条）" });

    robots.script.push({ errcode: 93000, errmsg: "invalid webhook url" });
    expect((await send()).body.deliveries[0]).toMatchObject({ status: "失败", attempts: 1, answer: "errcode 93000：invalid webhook url（机器人地址无效或机器人已被移出群）" });

    // The failure stays in the record, and the office sends it again once the group answers.
    const record = (await api.call("GET", `${P}/reminders/sent`, tokens.office)).body.deliveries as Delivery[];
    expect(record.find((d) => d.id === busy.id)).toMatchObject({ status: "失败" });
    const again = await api.call("POST", `${P}/reminders/sent/${busy.id}/retry`, tokens.office);
    expect(again.body.deliveries[0]).toMatchObject({ status: "已送达", retryOf: busy.id, units: ["区卫健局"], text: "请报送台账" });
    expect((await api.call("POST", `${P}/reminders/sent/${again.body.deliveries[0].id}/retry`, tokens.office)).status).toBe(409);
  });

  it("refuses a 催报 to a unit the plan does not have, or through a channel not set up", async () => {
    const stranger = await api.call("POST", `${P}/reminders/send`, tokens.office, { channels: ["wecom"], messages: [{ unit: "区外单位", text: "x" }] });
    expect([stranger.status, stranger.body.error.message]).toEqual([400, `方案「${plan.title}」中没有单位「区外单位」。`]);
    await api.call("PUT", "/notify/settings", tokens.office, { dingtalk: null });
    const unset = await api.call("POST", `${P}/reminders/send`, tokens.office, { channels: ["dingtalk"], messages: [{ unit: "区卫健局", text: "x" }] });
    expect(unset.status).toBe(422);
    await api.call("PUT", "/notify/settings", tokens.office, { dingtalk: { webhook: robots.dingtalkUrl, secret: robots.dingtalkSecret } });
  });
});

describe("the daily digest", () => {
  it("fires on a short schedule: the groups get who is late, each late unit its mail, and the day's scores are kept", async () => {
    await api.call("PUT", "/notify/settings", tokens.office, { digest: { enabled: true, channels: ["wecom", "mail"], withinWorkdays: 3 } });
    robots.calls.length = 0;
    const before = mailbox.mails.length;
    clock = "2022-10-17T00:30:00.000Z"; // Monday 08:30 in Beijing
    const runs: DigestRun[] = [];
    const schedule = scheduleDigest({ repository: api.repository, store: api.oversight, notify: api.notify, now: () => clock }, { pattern: "* * * * * *", onRun: (run) => runs.push(run) });
    try {
      await expect.poll(() => runs.length, { timeout: 20_000, interval: 100 }).toBeGreaterThan(0);
    } finally {
      schedule.stop();
    }
    const mine = runs[0]!.plans.find((p) => p.planId === plan.id)!;
    expect(mine.deliveries.every((d) => d.status === "已送达" && d.kind === "每日提醒" && d.by === "定时任务")).toBe(true);
    // Every plan of the year gets its digest (the seed plans too); this plan's is the one mentioning its title.
    const group = robots.calls.find((c) => c.robot === "wecom" && c.body.text.content.includes(plan.title))!.body.text;
    expect(group.content).toMatch(/^【每日提醒】《2022年某区政务公开工作要点分工方案》截至2022年10月17日：\n逾期未报送台账（2个单位）：区教育局、区卫健局\n/);
    expect(group.mentioned_mobile_list).toEqual(expect.arrayContaining([MOBILES.区教育局, MOBILES.区卫健局]));
    // Mail only where contacts were registered: this plan's four units.
    await mailbox.received(before + 4);
    expect(mailbox.mails.slice(before).map((x) => x.subject)).toEqual(Array(4).fill(`【每日提醒】${plan.title}`));
    expect(mailbox.mails.slice(before).map((x) => x.text)).toEqual(expect.arrayContaining([expect.stringContaining("【催报】区卫健局：《2022年某区政务公开工作要点分工方案》工作台账应于5月31日前报送，至今未报送（已逾期")]));
    expect((await api.oversight.snapshots(plan.id)).map((s) => s.date)).toContain("2022-10-17");
  });

  it("does nothing on a day off", async () => {
    const { runDailyDigest } = await import("../../api/oversight/digest");
    const run = await runDailyDigest({ repository: api.repository, store: api.oversight, notify: api.notify, now: () => "2022-10-05T00:30:00.000Z" });
    expect(run).toEqual({ day: "2022-10-05", skipped: "非工作日", plans: [] });
  });
});

describe("the 通报 and the 年度报告 section", () => {
  it("serves the 通报 as a Word file with its headings and the units ranked", async () => {
    const reply = await api.app.request(`${P}/bulletin`, { headers: { authorization: `Bearer ${tokens.office}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-disposition")).toContain(encodeURIComponent("关于2022年政务公开工作任务落实情况的通报.docx"));
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await reply.arrayBuffer()) });
    const headings = [...html.matchAll(/<h1>(?:<strong>)?(.+?)(?:<\/strong>)?<\/h1>/g)].map((h) => h[1]);
    expect(headings).toEqual(["一、总体情况", "二、考核排名", "三、未报送台账的单位", "四、逾期未完成事项", "五、工作要求"]);
    expect(html).toContain("以下2个单位尚未报送工作台账：区教育局、区卫健局。");
    expect(html.indexOf("<td><p>区建设局</p></td>")).toBeLessThan(html.indexOf("<td><p>区卫健局</p></td>"));
  });

  it("serves the 年度报告 section as Word text and as a table counted by section", async () => {
    const docx = await api.app.request(`${P}/annual-report`, { headers: { authorization: `Bearer ${tokens.office}` } });
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
    expect(text).toContain("2022年政务公开工作要点落实情况");
    expect(text).toContain("一、规范公开基础");
    expect(text).toContain("1．第1项任务：公开规范公开基础相关信息\n\n牵头单位：区建设局；配合单位：区财政局。完成情况：已完成。");
    expect(text).toContain("5．第5项任务：公开重点领域公开相关信息\n\n牵头单位：区教育局。完成情况：未报送。");
    const xlsx = await api.app.request(`${P}/annual-report?format=xlsx`, { headers: { authorization: `Bearer ${tokens.office}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(["任务落实情况", "分部分统计"]);
    const counts = book.getWorksheet("分部分统计")!;
    expect(counts.getRow(3).values).toEqual([undefined, "部分", "任务数", "已完成", "长期坚持", "推进中", "未开始", "未报送"]);
    expect(counts.getRow(6).values).toEqual([undefined, "合计", 5, 1, 1, 1, 1, 1]);
    expect(book.getWorksheet("任务落实情况")!.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitlesRow: "3:3" });
    expect((await api.app.request(`${P}/bulletin`, { headers: { authorization: `Bearer ${tokens.区建设局}` } })).status).toBe(403);
  });
});
