import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDeadlinesInText, parseDeadline } from "../../core/plan/deadline";
import { DeadlineRule } from "../../core/plan/schema";

const ctx = { year: 2022 };
const ongoing = { kind: "ongoing" } as const;
const yearly = { kind: "periodic", every: "year" } as const;
const workdays = (amount: number, after: string) => ({ kind: "within", amount, unit: "workday", after }) as const;

describe("parseDeadline reads every 完成时限 of seed 001", () => {
  it.each([
    ["及时更新", [ongoing]],
    ["及时提供服务", [ongoing]],
    ["及时发布", [ongoing]],
    ["及时回应", [ongoing]],
    ["长期开展", [ongoing]],
    ["定期召开", [yearly]],
    ["定期开展", [yearly]],
    ["每年1月31日前", [{ kind: "annual", month: 1, day: 31 }]],
    ["每年2月底前", [{ kind: "annual", month: 2, day: "last" }]],
  ])("%s", (text, rules) => {
    expect(parseDeadline(text, ctx)).toEqual({ rules, unparsed: [] });
  });
});

describe("parseDeadline reads every 时限要求 of seed 003 附件1", () => {
  it.each([
    ["长期坚持", [ongoing]],
    ["动态调整", [ongoing]],
    ["长期公示", [ongoing]],
    ["疫情防控期间", [{ kind: "during", period: "疫情防控" }]],
    ["信息形成或变更之日起20个工作日内公开", [workdays(20, "信息形成或变更")]],
    [
      "信息形成或者变更之日起20个工作日内公开，行政处罚信息于处罚结果作出后7个工作日内公开",
      [workdays(20, "信息形成或者变更"), workdays(7, "处罚结果作出")],
    ],
    [
      "保障性安居工程规划建设方案、年度建设计划信息应在方案、计划确定后20个工作日内公开；每月后10个工作日内公开年度计划任务量完成进度，项目竣工后20个工作日内公开已竣工项目基本信息；分配结果确定后20个工作日内公开住房分配情况",
      [workdays(20, "方案、计划确定"), workdays(10, "每月"), workdays(20, "项目竣工"), workdays(20, "分配结果确定")],
    ],
    [
      "长期落实推动校务公开工作，2022年8月底前教育和体育事业中心要明确并通过网站向社会公开适用主体清单，归集展示相关信息",
      [ongoing, { kind: "by", date: "2022-08-31" }],
    ],
    [
      "长期落实公共交通企业信息公开工作，2022年8月底前要明确并通过政府网站向社会公开适用主体清单，归集展示相关信息",
      [ongoing, { kind: "by", date: "2022-08-31" }],
    ],
    ["2022年年底前", [{ kind: "by", date: "2022-12-31" }]],
    ["高新区政府网站和政务新媒体2022年年底前基本完成改造", [{ kind: "by", date: "2022-12-31" }]],
    ["每年年底前", [{ kind: "annual", month: 12, day: 31 }]],
    ["年底前", [{ kind: "by", date: "2022-12-31" }]],
    ["6月底前", [{ kind: "by", date: "2022-06-30" }]],
  ])("%s", (text, rules) => {
    expect(parseDeadline(text, ctx)).toEqual({ rules, unparsed: [] });
  });

  it("keeps what it cannot read next to what it can", () => {
    expect(
      parseDeadline(
        "各类保险参保人数、待遇支付、基金收支情况等信息定期公开，医保定点医院、药店及药品、诊疗项目目录等一次性发布，动态调整",
        ctx,
      ),
    ).toEqual({ rules: [yearly, ongoing], unparsed: ["医保定点医院、药店及药品、诊疗项目目录等一次性发布"] });

    expect(
      parseDeadline(
        "对规章、行政规范性文件以及行政机关制发的对群众和企业权益产生影响的政策文件首次解读的，首次解读材料应于文件公开后3个工作日内公开，根据实际情况，适时开展政策施行后跟踪解读",
        ctx,
      ),
    ).toEqual({ rules: [workdays(3, "文件公开")], unparsed: ["适时开展政策施行后跟踪解读"] });

    expect(
      parseDeadline(
        "行政机关不能当场答复申请人的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日",
        ctx,
      ),
    ).toEqual({
      rules: [workdays(20, "收到申请")],
      unparsed: ["需要延长答复期限的", "延长的期限最长不得超过20个工作日"],
    });
  });

  it("returns a cell no rule fits whole, as unparsed", () => {
    const text = "重大行政决策向社会公开征求意见的，征求意见期限不少于30日";
    expect(parseDeadline(text, ctx)).toEqual({ rules: [], unparsed: [text] });
    expect(parseDeadline("按要求完成", ctx)).toEqual({ rules: [], unparsed: ["按要求完成"] });
  });

  it("reads an empty cell (a merged cell) as no rule and nothing unparsed", () => {
    expect(parseDeadline("", ctx)).toEqual({ rules: [], unparsed: [] });
    expect(parseDeadline(" \n\t", ctx)).toEqual({ rules: [], unparsed: [] });
  });
});

describe("parseDeadline, the other wordings DESIGN.md names", () => {
  it.each([
    ["2022年8月底前", [{ kind: "by", date: "2022-08-31" }]],
    ["12月31日前", [{ kind: "by", date: "2022-12-31" }]],
    ["2月底前", [{ kind: "by", date: "2022-02-28" }]],
    ["每月25日前", [{ kind: "monthly", day: 25 }]],
    ["每季度", [{ kind: "periodic", every: "quarter" }]],
    ["每年至少召开一次", [{ kind: "periodic", every: "year", times: 1 }]],
    ["持续推进", [ongoing]],
    ["收到申请后15日内", [{ kind: "within", amount: 15, unit: "day", after: "收到申请" }]],
    ["三个工作日内", [workdays(3, "")]],
    ["及时更新、动态调整", [ongoing]],
  ])("%s", (text, rules) => {
    expect(parseDeadline(text, ctx)).toEqual({ rules, unparsed: [] });
  });

  it("puts a date without a year in the plan's year, and one with a year in that year", () => {
    expect(parseDeadline("6月底前", { year: 2024 }).rules).toEqual([{ kind: "by", date: "2024-06-30" }]);
    expect(parseDeadline("2月底前", { year: 2024 }).rules).toEqual([{ kind: "by", date: "2024-02-29" }]);
    expect(parseDeadline("2023年年底前", { year: 2022 }).rules).toEqual([{ kind: "by", date: "2023-12-31" }]);
  });

  it("reads spaces and full-width digits the scans leave in", () => {
    expect(parseDeadline("每年的 1 月 31日前", ctx).rules).toEqual([{ kind: "annual", month: 1, day: 31 }]);
    expect(parseDeadline("６月底前", ctx).rules).toEqual([{ kind: "by", date: "2022-06-30" }]);
  });

  it("does not invent a date that does not exist", () => {
    expect(parseDeadline("2月30日前", ctx)).toEqual({ rules: [], unparsed: ["2月30日前"] });
  });
});

describe("findDeadlinesInText finds limits stated in a requirement", () => {
  it.each([
    // seed 004, 二（一）
    [
      "科学制定我区经济和社会发展五年规划；按月在区政府门户网站公开全区一般公共预算收支完成情况；每月25日前及时在区政府门户网站发布上月度全区重要指标数据；",
      [{ kind: "periodic", every: "month" }, { kind: "monthly", day: 25 }],
    ],
    // seed 004, 一（一）2
    [
      "应当在文件废止和宣布失效之日起10个工作日内，在原发布网站的原文明确标注已废止或已失效",
      [workdays(10, "文件废止和宣布失效")],
    ],
    ["每月定期发布当月房地产交易信息；及时公布我区房地产市场秩序整治相关工作方案", [{ kind: "periodic", every: "month" }]],
    // seed 003, 正文七
    ["形成本部门政务公开工作台账（附件3），于5月31日前，报送工委管委会办公室大数据科", [{ kind: "by", date: "2022-05-31" }]],
    // seed 003, 附件1 item 58 and 60; seed 000 item 4
    [
      "汇总当年面向农村的各类惠民惠农财政补贴资金实际发放结果，年底前以村为单位通过村务公开栏公开",
      [{ kind: "by", date: "2022-12-31" }],
    ],
    ["各有关单位年内组织政务公开通识培训不少于1次", [{ kind: "periodic", every: "year", times: 1 }]],
    // seed 001, items 35, 36, 41, 42
    ["每年至少召开一次会议，及时研究解决政务公开重点难点问题", [{ kind: "periodic", every: "year", times: 1 }]],
    ["各地、各部门主要负责同志每年至少听取 1 次政务公开工作汇报", [{ kind: "periodic", every: "year", times: 1 }]],
    ["按照规定于每年的 1 月 31日前发布本单位、本系统上年度的《政府信息公开工作年度报告》", [{ kind: "annual", month: 1, day: 31 }]],
    ["于每年的 3 月 1日前发布本单位、本系统上年度的《法治政府建设情况年度报告》", [{ kind: "annual", month: 3, day: 1 }]],
  ])("%s", (text, rules) => {
    expect(findDeadlinesInText(text, ctx)).toEqual(rules);
  });

  it("ignores adverbs and years that set no limit", () => {
    expect(
      findDeadlinesInText(
        "定期在高新区政府门户网站更新政务信息，保证PPP相关法律法规、政策文件公开的及时性、准确性；长期坚持；疫情防控期间",
        ctx,
      ),
    ).toEqual([]);
    expect(findDeadlinesInText("在政府网站及时公布2016年度行政审批和政务服务效能自评情况以及2017年度重大决策听证目录", ctx)).toEqual([]);
    expect(findDeadlinesInText("医保定点医院、药店及药品等一次性发布", ctx)).toEqual([]);
  });
});

describe("any text at all", () => {
  it("never throws, gives only valid rules, and loses no text when no rule fits", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), fc.integer({ min: 2000, max: 2100 }), (text, year) => {
        const parsed = parseDeadline(text, { year });
        for (const rule of [...parsed.rules, ...findDeadlinesInText(text, { year })]) {
          expect(DeadlineRule.safeParse(rule).success).toBe(true);
        }
        if (parsed.rules.length === 0 && text.trim()) expect(parsed.unparsed.length).toBe(1);
      }),
    );
  });

  it("never throws on text made of the grammar's own pieces", () => {
    const piece = fc.constantFrom("每年", "每月", "年底", "前", "2022年", "12月", "31日", "底", "后", "20个工作日", "内", "，", "、", "一次", "期间", "及时", "定期", "之日起", "于");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        const parsed = parseDeadline(text, ctx);
        for (const rule of parsed.rules) expect(DeadlineRule.safeParse(rule).success).toBe(true);
      }),
    );
  });
});

describe("a clause that states an ongoing duty and a date", () => {
  it("keeps both", () => {
    expect(parseDeadline("长期落实推动校务公开工作并于2022年8月底前公开适用主体清单", ctx)).toEqual({
      rules: [ongoing, { kind: "by", date: "2022-08-31" }],
      unparsed: [],
    });
    expect(parseDeadline("及时更新年底前完成", ctx).rules).toEqual([ongoing, { kind: "by", date: "2022-12-31" }]);
  });
});
