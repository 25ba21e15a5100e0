import { Button, Field, Input, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, UserError, useSay, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

/** How many task rows have a blank 责任科室 and 分管领导, as the last check found them. */
export interface Blanks {
  office: number;
  leader: number;
}

/**
 * 统一填写: a new 台账 has every 责任科室 and 分管领导 blank; most units have one office and one leader for most of
 * their tasks. One value each, written into the blank cells only (nothing the clerk typed is overwritten).
 */
export function FillBlanks(props: { plan: Plan; unit: string; blanks: Blanks; onFilled(said: string): void }) {
  const styles = usePaneStyles();
  const { workbook } = useServices();
  const work = useWork();
  const say = useSay();
  const [office, setOffice] = useState("");
  const [leader, setLeader] = useState("");

  const fill = () =>
    work.run("正在填写空白单元格…", async () => {
      if (!office.trim() && !leader.trim()) throw new UserError("请至少填写责任科室或分管领导中的一项。");
      const said: string[] = [];
      if (office.trim()) said.push(`${await workbook.fillBlanks(props.plan, props.unit, "office", office.trim())} 行的责任科室填为「${office.trim()}」`);
      if (leader.trim()) said.push(`${await workbook.fillBlanks(props.plan, props.unit, "leader", leader.trim())} 行的分管领导填为「${leader.trim()}」`);
      const sentence = `已把${said.join("，")}。个别不同的行请在表格中直接改。`;
      say(sentence);
      props.onFilled(sentence);
    });

  const counts = [props.blanks.office && `${props.blanks.office} 行没有责任科室`, props.blanks.leader && `${props.blanks.leader} 行没有分管领导`].filter(Boolean).join("，");
  return (
    <section className={styles.stack} aria-labelledby="fill-heading">
      <Text as="h3" id="fill-heading" className={styles.heading}>统一填写</Text>
      <Text className={styles.small}>{`${counts || "可以一次填写全部行"}。填写后只写入空白的单元格，已填写的不变。`}</Text>
      <Field label="责任科室">
        <Input value={office} onChange={(_, d) => setOffice(d.value)} placeholder="例如：综合科" />
      </Field>
      <Field label="分管领导">
        <Input value={leader} onChange={(_, d) => setLeader(d.value)} placeholder="例如：王强" />
      </Field>
      <div className={styles.actions}>
        <Button onClick={fill} disabled={!!work.busy}>填入空白行</Button>
      </div>
      <Busy label={work.busy} progress={work.progress} />
      <ErrorBar error={work.error} />
    </section>
  );
}
