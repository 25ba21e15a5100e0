// The office's oversight as zod schemas: the API parses requests with them, the pane parses replies with them.
import { z } from "zod";
import { RowReview } from "../ledger/schema";
import { IsoDate } from "../schema-kit";

// ------------------------------------------------------------------------------------------ reviews

/** One 通过 / 退回 as it happened, kept for good: 退回次数 counts them, reminders compare the digest. */
export const ReviewEvent = z.object({
  unit: z.string(),
  rowKey: z.string(),
  no: z.string(),
  verdict: RowReview.shape.verdict,
  comment: z.string(),
  /** The reviewer's name as their sign-in gives it. */
  by: z.string(),
  at: z.string(),
  /** rowDigest of the row when it was reviewed. */
  digest: z.string(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

// ------------------------------------------------------------------------------------------- scores

const weight = (name: string) =>
  z.number({ error: `${name}的权重应为 0–100 的整数` }).int({ message: `${name}的权重应为整数` }).min(0, { message: `${name}的权重不能小于 0` }).max(100, { message: `${name}的权重不能大于 100` });

/** How much each part counts in a unit's 考核 score; the office may change them. */
export const ScoreWeights = z
  .object({
    timely: weight("报送及时"),
    completion: weight("完成率"),
    onTime: weight("按时完成率"),
    returns: weight("退回次数"),
  })
  .refine((w) => w.timely + w.completion + w.onTime + w.returns > 0, { message: "权重不能全为 0" });
export type ScoreWeights = z.infer<typeof ScoreWeights>;

/** The defaults, stated in the pane and the 通报: completion first, then being on time, then reporting on time. */
export const DEFAULT_WEIGHTS: ScoreWeights = { timely: 25, completion: 35, onTime: 30, returns: 10 };

export const WEIGHT_LABELS: Record<keyof ScoreWeights, string> = {
  timely: "报送及时",
  completion: "完成率",
  onTime: "按时完成率",
  returns: "退回次数",
};

export const ReportState = z.enum(["已报送", "逾期报送", "未报送", "逾期未报送"]);
export type ReportState = z.infer<typeof ReportState>;

export const UnitScore = z.object({
  unit: z.string(),
  /** 1 for the best; equal totals share a rank (1, 1, 3). */
  rank: z.number().int().positive(),
  /** 0–100, one decimal. */
  total: z.number(),
  /** Each part on 0–100 before weighting. */
  parts: z.object({ timely: z.number(), completion: z.number(), onTime: z.number(), returns: z.number() }),
  report: ReportState,
  /** Tasks counted / done (已完成 or 长期坚持) / due so far / done by their day / open past their day. */
  tasks: z.number().int(),
  done: z.number().int(),
  dueSoFar: z.number().int(),
  doneOnTime: z.number().int(),
  overdue: z.number().int(),
  returns: z.number().int(),
  /** Working days its 台账 came in after ledgerDue (0 when on time or not in). */
  daysLate: z.number().int(),
});
export type UnitScore = z.infer<typeof UnitScore>;

/** A day's scores, kept so the office sees how each unit's numbers moved. */
export const ScoreSnapshot = z.object({
  date: IsoDate,
  scores: z.array(UnitScore.pick({ unit: true, rank: true, total: true, parts: true })),
});
export type ScoreSnapshot = z.infer<typeof ScoreSnapshot>;

export const RankingReply = z.object({
  planId: z.string(),
  today: IsoDate,
  weights: ScoreWeights,
  scores: z.array(UnitScore),
  /** Oldest first, today's included. */
  history: z.array(ScoreSnapshot),
});
export type RankingReply = z.infer<typeof RankingReply>;

// ---------------------------------------------------------------------------------------- reminders

export const ReminderItem = z.object({
  taskId: z.string(),
  no: z.string(),
  task: z.string(),
  due: IsoDate.optional(),
  status: z.string(),
  /** For a task due soon: working days left (0: today). For an overdue one: working days past. */
  workdays: z.number().int(),
});
export type ReminderItem = z.infer<typeof ReminderItem>;

export const ReturnedItem = z.object({ rowKey: z.string(), no: z.string(), task: z.string(), comment: z.string(), by: z.string(), at: z.string() });
export type ReturnedItem = z.infer<typeof ReturnedItem>;

export const UnitReminders = z.object({
  unit: z.string(),
  ledger: z.object({
    state: ReportState,
    due: IsoDate.optional(),
    /** Before the due day: working days left; after it: working days past (not in, or in late). */
    workdays: z.number().int().optional(),
    firstSyncAt: z.string().optional(),
  }),
  overdue: z.array(ReminderItem),
  dueSoon: z.array(ReminderItem),
  returned: z.array(ReturnedItem),
  /** 逾期未报送, or tasks overdue: whom 催报 picks by default. */
  late: z.boolean(),
});
export type UnitReminders = z.infer<typeof UnitReminders>;

export const RemindersReply = z.object({
  planId: z.string(),
  today: IsoDate,
  withinWorkdays: z.number().int(),
  units: z.array(UnitReminders),
});
export type RemindersReply = z.infer<typeof RemindersReply>;

// ----------------------------------------------------------------------------------------- contacts

export const Contact = z.object({
  name: z.string().trim().min(1, { message: "请填写联系人姓名" }).max(50, { message: "姓名不能超过 50 个字" }),
  /** 手机号: robots @-mention by it. */
  mobile: z.string().trim().regex(/^1[3-9]\d{9}$/, { message: "手机号应为 11 位数字，以 1 开头" }).optional(),
  email: z.email({ message: "邮箱格式不正确" }).max(254).optional(),
});
export type Contact = z.infer<typeof Contact>;

export const UnitContacts = z.object({
  unit: z.string(),
  people: z.array(Contact).max(5, { message: "每个单位最多 5 位联系人" }),
});
export type UnitContacts = z.infer<typeof UnitContacts>;
export const ContactsPut = z.object({ people: UnitContacts.shape.people });
export const ContactsReply = z.object({ planId: z.string(), units: z.array(UnitContacts) });
export type ContactsReply = z.infer<typeof ContactsReply>;

// ----------------------------------------------------------------------------------------- channels

export const CHANNELS = ["wecom", "dingtalk", "mail"] as const;
export const ChannelKind = z.enum(CHANNELS);
export type ChannelKind = z.infer<typeof ChannelKind>;
export const CHANNEL_LABELS: Record<ChannelKind, string> = { wecom: "企业微信群", dingtalk: "钉钉群", mail: "电子邮件" };

const webhook = z.url({ protocol: /^https?$/, message: "机器人地址应为完整网址（https://…）" }).max(1000);

/** What the office set up. Secrets go in and are never sent back out (the reply masks them). */
export const ChannelSettings = z.object({
  wecom: z.object({ webhook }).optional(),
  dingtalk: z.object({ webhook, secret: z.string().trim().min(1, { message: "请填写钉钉机器人的加签密钥" }).max(200) }).optional(),
  mail: z.object({ enabled: z.boolean() }).optional(),
  /** The daily digest: on working days, to these channels, listing what is late and due within N working days. */
  digest: z
    .object({
      enabled: z.boolean(),
      channels: z.array(ChannelKind),
      withinWorkdays: z.number().int().min(0).max(30),
    })
    .optional(),
});
export type ChannelSettings = z.infer<typeof ChannelSettings>;

/** The settings as the pane sees them: whether each robot is set, never its address or secret. */
export const ChannelSettingsView = z.object({
  wecom: z.object({ configured: z.boolean(), hint: z.string().optional() }),
  dingtalk: z.object({ configured: z.boolean(), hint: z.string().optional() }),
  mail: z.object({ enabled: z.boolean(), available: z.boolean() }),
  digest: z.object({ enabled: z.boolean(), channels: z.array(ChannelKind), withinWorkdays: z.number().int(), schedule: z.string() }),
});
export type ChannelSettingsView = z.infer<typeof ChannelSettingsView>;

/** A change to the settings; a robot left out stays as it is, `null` removes it. */
export const ChannelSettingsPut = z.object({
  wecom: ChannelSettings.shape.wecom.unwrap().nullable().optional(),
  dingtalk: ChannelSettings.shape.dingtalk.unwrap().nullable().optional(),
  mail: ChannelSettings.shape.mail,
  digest: ChannelSettings.shape.digest,
});
export type ChannelSettingsPut = z.infer<typeof ChannelSettingsPut>;

// ------------------------------------------------------------------------------------------- sending

export const SendRequest = z.object({
  channels: z.array(ChannelKind).min(1, { message: "请至少选择一个发送渠道" }),
  messages: z
    .array(z.object({ unit: z.string().min(1), text: z.string().trim().min(1, { message: "提醒内容不能为空" }).max(1500, { message: "每个单位的提醒不能超过 1500 字" }) }))
    .min(1, { message: "请至少选择一个单位" })
    .max(2000),
});
export type SendRequest = z.infer<typeof SendRequest>;

export const Delivery = z.object({
  id: z.string(),
  planId: z.string(),
  kind: z.enum(["催报", "每日提醒"]),
  at: z.string(),
  /** Who sent it: a person's name, or 定时任务. */
  by: z.string(),
  channel: ChannelKind,
  units: z.array(z.string()),
  /** Where it went: the group, or the mail addresses. */
  to: z.string(),
  status: z.enum(["已送达", "失败"]),
  attempts: z.number().int(),
  /** The channel's own answer (its code and words), or why it could not be reached. */
  answer: z.string(),
  /** What was sent, as sent. */
  text: z.string(),
  /** A failed delivery sent again later points at it. */
  retryOf: z.string().optional(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveriesReply = z.object({ planId: z.string(), deliveries: z.array(Delivery) });
export type DeliveriesReply = z.infer<typeof DeliveriesReply>;
