import { Button, Field, Input, Link, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { ImportReply } from "../../api-client";
import { IMPORT_MAX_BYTES, IMPORT_TOO_LARGE } from "../../../core/api/contract";
import { gridCells, markPlanSheet, readPlanSheetCells, selectCell, writePlanSheet, type PlanSheetTarget } from "../../excel";
import { diffPlans, type PlanDiff, type TaskField } from "../../../core/plan/diff";
import { findPublished } from "../../../core/plan/identity";
import { PLAN_SHEET_NAME, planSheetContent, readPlanSheet, type SheetMark } from "../../../core/plan/plan-sheet";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { FilePicker } from "../FilePicker";
import { useServices } from "../services";

const ACCEPT = ".docx,.xlsx,.pdf,.html,.htm,.csv,.txt,.md";
/** The import route's request limit, less room for the form around the file (its name, the year). */
const MAX_FILE_BYTES = IMPORT_MAX_BYTES - 4096;
const FIELD_NAMES: Record<TaskField, string> = { text: "任务内容", deadline: "时限", lead: "牵头单位", support: "配合单位", allUnits: "各单位", no: "序号", section: "所属部分" };
/** Problems listed in the pane; the sheet holds them all. */
const LISTED = 30;

interface Checked {
  sheet: string;
  marks: SheetMark[];
}

interface Pending {
  plan: Plan;
  before?: Plan & { version?: number };
  diff?: PlanDiff;
  units: { added: string[]; removed: string[] };
}

const shorten = (text: string, n = 24) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** 导入方案: a plan file → the 方案 sheet; the admin corrects it in Excel; 检查方案 marks problems; 发布 after confirming the changes. */
export function ImportPlan() {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [file, setFile] = useState<File>();
  const [text, setText] = useState("");
  const [year, setYear] = useState("");
  const [draft, setDraft] = useState<ImportReply & { sheet: string }>();
  /** A draft read, not yet written: the 方案 sheet holds changes of the admin's, and where it goes is theirs to say. */
  const [asking, setAsking] = useState<{ reply: ImportReply; next: string }>();
  const [checked, setChecked] = useState<Checked>();
  const [pending, setPending] = useState<Pending>();
  const [published, setPublished] = useState<{ title: string; version: number }>();

  const reset = () => {
    setAsking(undefined);
    setChecked(undefined);
    setPending(undefined);
    setPublished(undefined);
  };

  const importDocument = () =>
    work.run("正在读取方案并写入「方案」工作表…", async () => {
      const yearNumber = year.trim() ? Number(year.trim()) : undefined;
      if (yearNumber !== undefined && !(Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100)) throw new UserError("年度应为 2000 到 2100 之间的年份，例如 2024");
      if (!file && !text.trim()) throw new UserError("请选择方案文件（Word、Excel、PDF、网页、CSV 或文本），或粘贴方案全文");
      // Refused here, before a long upload the API would refuse anyway; a plan's text and tables are far less.
      if (file && file.size > MAX_FILE_BYTES) throw new UserError(`「${file.name}」有 ${(file.size / 1024 / 1024).toFixed(1)} MB，${IMPORT_TOO_LARGE}`);
      reset();
      setDraft(undefined);
      const reply = file ? await api.importPlanFile(file, file.name, yearNumber) : await api.importPlan({ text, year: yearNumber });
      const result = await writeDraft(reply, "ask");
      if ("kept" in result) setAsking({ reply, next: result.next });
    });

  const writeDraft = async (reply: ImportReply, target: PlanSheetTarget) => {
    const result = await writePlanSheet(planSheetContent(reply.plan, reply.report), { id: reply.plan.id, units: reply.plan.units }, target);
    if ("written" in result) setDraft({ ...reply, sheet: result.written });
    return result;
  };

  /** The admin's answer: 替换 or 另存为新工作表 (取消 just forgets the draft). */
  const answer = (target: "replace" | "new") =>
    work.run("正在写入方案…", async () => {
      if (!asking) return;
      setAsking(undefined);
      await writeDraft(asking.reply, target);
    });

  /** The sheet as it is now, its problems marked in place. */
  const checkSheet = async () => {
    const cells = await readPlanSheetCells();
    const reading = readPlanSheet(gridCells(cells.grid).cells, cells.memory);
    if (reading.error) throw new UserError(`「${cells.grid.sheet}」工作表无法读作方案：${reading.error}`);
    await markPlanSheet(cells.grid.sheet, reading);
    setChecked({ sheet: cells.grid.sheet, marks: reading.marks });
    return { plan: reading.plan!, errors: reading.marks.filter((m) => m.severity === "error").length, sheet: cells.grid.sheet };
  };

  const check = () =>
    work.run("正在检查方案…", async () => {
      reset();
      await checkSheet();
    });

  const prepare = () =>
    work.run("正在核对方案与已发布版本…", async () => {
      reset();
      const { plan, errors: count, sheet } = await checkSheet();
      if (count > 0) throw new UserError(`「${sheet}」工作表中还有 ${count} 处错误（红色单元格），请先改正再发布。`);
      const before = await findPublished(plan, () => api.listPlans().then((r) => r.plans), (id) => api.getPlan(id).catch(() => undefined));
      const next = before ? { ...plan, id: before.id } : plan;
      const beforeUnits = new Set(before?.units.map((u) => u.name) ?? []);
      const afterUnits = new Set(next.units.map((u) => u.name));
      setPending({
        plan: next,
        ...(before ? { before, diff: diffPlans(before, next) } : {}),
        units: { added: [...afterUnits].filter((u) => before && !beforeUnits.has(u)), removed: [...beforeUnits].filter((u) => !afterUnits.has(u)) },
      });
    });

  const publish = () =>
    work.run("正在发布方案…", async () => {
      if (!pending) return;
      const plan = await api.publishPlan(pending.plan);
      setPending(undefined);
      setChecked(undefined);
      setPublished({ title: plan.title, version: plan.version ?? 1 });
    });

  const errors = checked?.marks.filter((m) => m.severity === "error") ?? [];
  const warnings = checked?.marks.filter((m) => m.severity === "warning") ?? [];
  const reportLines = draft?.report.warnings ?? [];
  return (
    <div className={styles.stack}>
      <Field label="方案文件" hint="Word、Excel、PDF、网页、CSV 或文本文件">
        <FilePicker label="选择方案文件…" accept={ACCEPT} onFile={setFile} />
      </Field>
      <Field label="或粘贴方案全文">
        <Textarea value={text} onChange={(_, d) => setText(d.value)} rows={3} resize="vertical" aria-label="方案文本" />
      </Field>
      <Field label="年度" hint="文中没有写明年度时填写">
        <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" aria-label="年度" />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!!work.busy} onClick={importDocument}>导入</Button>
        <Button disabled={!!work.busy} onClick={check}>检查方案</Button>
        <Button disabled={!!work.busy} onClick={prepare}>发布</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />

      {published && <Notice intent="success" title="已发布">{`「${published.title}」已发布为第 ${published.version} 版，各单位可新建台账。`}</Notice>}

      {asking && (
        <Notice intent="warning" title={`「${PLAN_SHEET_NAME}」工作表已有改动`}>
          <Text block>{`「${PLAN_SHEET_NAME}」工作表的内容与上次导入时不同（可能有您改正的时限、单位等）。新读取的「${asking.reply.plan.title}」（${asking.reply.plan.tasks.length} 项任务）写到哪里？`}</Text>
          <ul className={styles.small}>
            <li>{`替换：用新读取的方案覆盖「${PLAN_SHEET_NAME}」工作表，表中的改动将全部丢失。`}</li>
            <li>{`另存为新工作表：写入新的「${asking.next}」工作表，「${PLAN_SHEET_NAME}」保持不变。`}</li>
            <li>取消：什么也不写，工作簿保持原样。</li>
          </ul>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={!!work.busy} onClick={() => answer("new")}>{`另存为「${asking.next}」`}</Button>
            <Button disabled={!!work.busy} onClick={() => answer("replace")}>替换</Button>
            <Button disabled={!!work.busy} onClick={() => setAsking(undefined)}>取消</Button>
          </div>
        </Notice>
      )}

      {draft && !asking && !checked && !pending && !published && (
        <>
          <Notice intent="success" title={`已写入「${draft.sheet}」工作表`}>
            {`${draft.plan.year} · ${draft.plan.title}：${draft.plan.tasks.length} 项任务，${draft.plan.units.length} 个单位。请在表中核对、改正后点“检查方案”，再点“发布”。`}
          </Notice>
          {draft.published && (
            <Notice intent="info" title="已发布过同一方案">{`「${draft.published.title}」已发布至第 ${draft.published.version} 版；这次发布将成为第 ${draft.published.version + 1} 版。`}</Notice>
          )}
          {reportLines.length > 0 && (
            <Notice intent="warning" title={`${reportLines.length} 处需核对（已写在表中“问题”列或表下方）`}>
              <div className={styles.list}>
                {reportLines.slice(0, LISTED).map((w, i) => <Text key={i} className={styles.small}>{w.message}</Text>)}
              </div>
            </Notice>
          )}
        </>
      )}

      {checked && !pending && (
        errors.length + warnings.length === 0 ? (
          <Notice intent="success" title="检查通过">方案没有发现问题，可以发布。</Notice>
        ) : (
          <Notice intent={errors.length ? "warning" : "info"} title={`检查完毕：${errors.length} 处错误，${warnings.length} 处提醒`}>
            <Text block className={styles.small}>{errors.length ? "红色单元格须改正后才能发布；黄色为提醒。点击下面的问题可定位到单元格。" : "黄色单元格为提醒，请核对。"}</Text>
            <div className={styles.list}>
              {[...errors, ...warnings].slice(0, LISTED).map((m, i) => (
                <Link key={i} as="button" onClick={() => void work.run("正在定位…", () => selectCell(checked.sheet, m.row, m.column))}>{`第 ${m.row} 行：${m.message}`}</Link>
              ))}
            </div>
          </Notice>
        )
      )}

      {pending && (
        <Notice intent="info" title="发布前请确认">
          <Text block>{pending.before ? `将「${pending.plan.title}」发布为第 ${(pending.before.version ?? 1) + 1} 版：` : `将「${pending.plan.title}」作为新方案发布（${pending.plan.tasks.length} 项任务，${pending.plan.units.length} 个单位）。`}</Text>
          {pending.diff && <DiffSummary diff={pending.diff} units={pending.units} />}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={!!work.busy} onClick={publish}>确认发布</Button>
            <Button disabled={!!work.busy} onClick={() => setPending(undefined)}>取消</Button>
          </div>
        </Notice>
      )}
    </div>
  );
}

function DiffSummary({ diff, units }: { diff: PlanDiff; units: Pending["units"] }) {
  const styles = usePaneStyles();
  const none = !diff.added.length && !diff.removed.length && !diff.changed.length && !units.added.length && !units.removed.length;
  if (none) return <Text block className={styles.small}>与已发布的版本相比没有变化。</Text>;
  const deadline = (d: Plan["tasks"][number]["deadline"]) => d.text || "（无）";
  return (
    <div className={styles.list} aria-label="变化">
      <Text block weight="semibold">{`新增 ${diff.added.length} 项，删除 ${diff.removed.length} 项，修改 ${diff.changed.length} 项`}</Text>
      {diff.added.map((t) => <Text key={`a${t.id}`} className={styles.small}>{`新增 第${t.no}项：${shorten(t.text)}`}</Text>)}
      {diff.removed.map((t) => <Text key={`r${t.id}`} className={styles.small}>{`删除 第${t.no}项：${shorten(t.text)}`}</Text>)}
      {diff.changed.map((c) => (
        <Text key={`c${c.id}`} className={styles.small}>
          {`修改 第${c.after.no}项：${c.fields.map((f) =>
            f === "deadline" ? `时限“${deadline(c.before.deadline)}”→“${deadline(c.after.deadline)}”`
            : f === "lead" || f === "support" ? `${FIELD_NAMES[f]}“${c.before[f].join("、") || "无"}”→“${c.after[f].join("、") || "无"}”`
            : FIELD_NAMES[f]).join("，")}`}
        </Text>
      ))}
      {units.added.length > 0 && <Text className={styles.small}>{`新增单位：${units.added.join("、")}`}</Text>}
      {units.removed.length > 0 && <Text className={styles.small}>{`不再涉及的单位：${units.removed.join("、")}`}</Text>}
    </div>
  );
}
