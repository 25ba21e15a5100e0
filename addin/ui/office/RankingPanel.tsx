import { Button, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { DEFAULT_WEIGHTS, WEIGHT_LABELS, type RankingReply, type ScoreWeights } from "../../../core/oversight/schema";
import { percentText } from "../../../core/oversight/document";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

const KEYS = Object.keys(WEIGHT_LABELS) as Array<keyof ScoreWeights>;

/** 考核: every unit's score and rank, the weights the office may change (defaults stated), and a unit's history. */
export function RankingPanel({ planId }: { planId: string }) {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [ranking, setRanking] = useState<RankingReply>();
  const [weights, setWeights] = useState<ScoreWeights>(DEFAULT_WEIGHTS);
  const [unit, setUnit] = useState("");

  const load = () =>
    work.run("正在计算考核得分…", async () => {
      const reply = await api.getRanking(planId);
      setRanking(reply);
      setWeights(reply.weights);
      setUnit((u) => u || reply.scores[0]?.unit || "");
    });
  useEffect(() => void load(), [planId]);

  const save = () =>
    work.run("正在保存权重…", async () => {
      if (KEYS.every((k) => weights[k] === 0)) throw new UserError("权重不能全为 0");
      await api.putWeights(planId, weights);
      const reply = await api.getRanking(planId);
      setRanking(reply);
    });

  const history = ranking?.history.map((h) => ({ date: h.date, score: h.scores.find((s) => s.unit === unit) })).filter((h) => h.score) ?? [];
  return (
    <div className={styles.stack}>
      <Text weight="semibold">权重</Text>
      <Text className={`${styles.small} ${styles.muted}`}>
        {`默认：${KEYS.map((k) => `${WEIGHT_LABELS[k]} ${DEFAULT_WEIGHTS[k]}`).join("、")}。逾期报送每个工作日扣 10 分，每次退回扣 10 分；未报送的单位前三项计 0 分。`}
      </Text>
      <div className={styles.actions}>
        {KEYS.map((k) => (
          <Field key={k} label={WEIGHT_LABELS[k]} style={{ width: "80px" }}>
            <Input type="number" min={0} max={100} value={String(weights[k])} onChange={(_, d) => setWeights({ ...weights, [k]: Math.max(0, Math.min(100, Math.round(Number(d.value) || 0))) })} />
          </Field>
        ))}
      </div>
      <div className={styles.actions}>
        <Button onClick={save} disabled={!!work.busy}>保存权重并重新排名</Button>
        <Button onClick={() => setWeights(DEFAULT_WEIGHTS)} disabled={!!work.busy}>恢复默认</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {ranking && (
        <>
          <Notice intent="info" title={`考核排名（截至 ${ranking.today}）`}>{`${ranking.scores.length} 个单位；得分满分 100。`}</Notice>
          <Table size="extra-small" aria-label="考核排名">
            <TableHeader>
              <TableRow>
                {["名次", "单位", "得分", "完成率", "按时", "报送", "退回"].map((h) => <TableHeaderCell key={h}>{h}</TableHeaderCell>)}
              </TableRow>
            </TableHeader>
            <TableBody>
              {ranking.scores.map((s) => (
                <TableRow key={s.unit}>
                  <TableCell>{s.rank}</TableCell>
                  <TableCell>{s.unit}</TableCell>
                  <TableCell>{s.total.toFixed(1)}</TableCell>
                  <TableCell>{percentText(s.done, s.tasks)}</TableCell>
                  <TableCell>{percentText(s.doneOnTime, s.dueSoFar)}</TableCell>
                  <TableCell>{s.report}</TableCell>
                  <TableCell>{s.returns}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Field label="得分变化">
            <Select value={unit} onChange={(_, d) => setUnit(d.value)} aria-label="得分变化">
              {ranking.scores.map((s) => <option key={s.unit}>{s.unit}</option>)}
            </Select>
          </Field>
          <div className={styles.list} aria-label="历史得分">
            {history.map((h) => <Text key={h.date} className={styles.small}>{`${h.date}：第 ${h.score!.rank} 名，${h.score!.total.toFixed(1)} 分（完成率 ${h.score!.parts.completion} · 按时 ${h.score!.parts.onTime} · 报送 ${h.score!.parts.timely}）`}</Text>)}
          </div>
        </>
      )}
    </div>
  );
}
