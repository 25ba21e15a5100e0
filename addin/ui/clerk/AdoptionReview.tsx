import { Badge, Button, Checkbox, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Plan } from "../../../core/plan/schema";
import { LEDGER_COLUMNS, TAIZHANG_ONLY_FIELDS, headerOf, type LedgerField } from "../../../core/sheet/columns";
import { readSheet, type ColumnChoices } from "../../../core/sheet/read-sheet";
import { Notice } from "../feedback";
import { usePaneStyles } from "../layout";
import type { AdoptionChoice, AdoptionPreview } from "../workbook-port";
import { adoptionView, fieldList } from "./adoption-view";

const CHOOSABLE = LEDGER_COLUMNS.filter((c) => !TAIZHANG_ONLY_FIELDS.includes(c.field));
const UNUSED = "";

/** One line per column: the sheet's header on the left, what it is taken for on the right. */
const useStyles = makeStyles({
  columns: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  column: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 8.5em",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", fontSize: tokens.fontSizeBase200 },
  how: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
});

/**
 * 使用当前表, before anything in the sheet changes: which sheet, where its header is, what each column is taken
 * for (the clerk can change it), which rows matched a task, and exactly what confirming will do.
 */
export function AdoptionReview(props: {
  plan: Plan;
  unit: string;
  preview: AdoptionPreview;
  busy: boolean;
  onChooseSheet(name: string): void;
  onConfirm(choice: AdoptionChoice): void;
  onCancel(): void;
}) {
  const styles = usePaneStyles();
  const own = useStyles();
  const { preview, plan, unit } = props;
  const [choices, setChoices] = useState<ColumnChoices>({});
  const [add, setAdd] = useState<LedgerField[]>([]);
  const reading = useMemo(() => readSheet(preview.cells, plan, unit, { choices }), [preview, plan, unit, choices]);
  const view = adoptionView(reading, plan);
  const adding = add.filter((f) => reading.missing.includes(f));
  const toggle = (field: LedgerField, on: boolean) => setAdd(on ? [...add, field] : add.filter((f) => f !== field));
  const unmatched = view.rows.filter((r) => !r.matched).length;

  return (
    <div className={styles.stack} aria-label="使用当前表">
      <Field label="台账所在的工作表">
        <Select value={preview.sheetName} disabled={props.busy} onChange={(_, d) => props.onChooseSheet(d.value)}>
          {preview.sheets.map((s) => (
            <option key={s.name} value={s.name}>{s.score > 0 ? `${s.name}（${s.matched} 行对应方案任务）` : `${s.name}（没有表头）`}</option>
          ))}
        </Select>
      </Field>
      {reading.headerRow < 0 ? (
        <Notice intent="warning" title="这张表没有找到表头">请选择台账所在的工作表；表头应在前20行内，写有序号、工作任务、责任科室等列名。</Notice>
      ) : (
        <>
          <Text weight="semibold">{`表头在${view.headerRows}。各列对应台账的哪一项（可更改）：`}</Text>
          <div className={own.columns} role="group" aria-label="列的对应">
            {view.columns.map((column) => (
              <div key={column.index} className={own.column} data-column={column.index}>
                <div className={own.header} title={column.title}>
                  <span id={`column-${column.index}`}>{column.title}</span>
                  {(column.how || column.note) && <div className={own.how}>{[column.how, column.note].filter(Boolean).join(" · ")}</div>}
                </div>
                <Select
                  size="small"
                  aria-labelledby={`column-${column.index}`}
                  value={column.field ?? UNUSED}
                  disabled={props.busy}
                  onChange={(_, d) => setChoices({ ...choices, [column.index]: (d.value || null) as LedgerField | null })}
                >
                  <option value={UNUSED}>不使用</option>
                  {CHOOSABLE.map((c) => <option key={c.field} value={c.field}>{c.header}</option>)}
                </Select>
              </div>
            ))}
          </div>
          <Text className={styles.small}>“不使用”的列原样保留，不检查。</Text>
          {view.missingRequired.length > 0 && (
            <Notice intent="warning" title={`缺少${fieldList(view.missingRequired)}列`}>
              方案附件3的台账须有这些列，检查时会报错。可以把上面已有的一列改为它，或勾选补上：
            </Notice>
          )}
          {[...view.missingRequired, ...view.missingOptional].length > 0 && (
            <div className={styles.stack}>
              {view.missingOptional.length > 0 && <Text className={styles.small}>{`没有${fieldList(view.missingOptional)}列，这些内容不检查。`}</Text>}
              {[...view.missingRequired, ...view.missingOptional].map((field) => (
                <Checkbox
                  key={field}
                  checked={add.includes(field)}
                  disabled={props.busy}
                  onChange={(_, d) => toggle(field, Boolean(d.checked))}
                  label={`在表格最右侧补上「${headerOf(field)}」列`}
                />
              ))}
            </div>
          )}
          <Text weight="semibold">
            {`行：${view.rows.length} 行中 ${view.matched} 行对应到方案任务${unmatched ? `，${unmatched} 行未对应` : ""}${view.headings ? `；${view.headings} 行是标题，不检查` : ""}`}
          </Text>
          <div className={styles.list} aria-label="行的对应">
            {view.rows.map((r) => (
              <div key={r.sheetRow} className={styles.item}>
                <Text className={styles.small}>{`第 ${r.sheetRow} 行：${r.text.slice(0, 24)}`}</Text>{" "}
                {r.matched ? <Badge size="small" color="success">{r.task}</Badge> : <Badge size="small" color="danger">{r.task || "未对应"}</Badge>}
              </div>
            ))}
          </div>
          <Text className={styles.muted}>
            {`确认后，工作簿记住这张表和各列的对应，以后检查、报送都按表格原样读写，不移动您的列。${adding.length ? `将在最右侧新增${fieldList(adding)}列，表头写在第${reading.headerRow + 1}行。` : "表格内容不做任何改动。"}`}
          </Text>
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={props.busy || reading.headerRow < 0} onClick={() => props.onConfirm({ choices, add: adding })}>确认使用</Button>
        <Button disabled={props.busy} onClick={props.onCancel}>取消</Button>
      </div>
    </div>
  );
}
