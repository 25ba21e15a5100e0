import { Tab, TabList } from "@fluentui/react-components";
import { useState } from "react";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { PlanSelect, usePlans } from "../PlanSelect";
import { useServices } from "../services";
import { useLatest } from "../use-latest";
import { ChannelsPanel } from "./ChannelsPanel";
import { DocumentsPanel } from "./DocumentsPanel";
import { OfficePane } from "./OfficePane";
import { RankingPanel } from "./RankingPanel";
import { RemindPanel } from "./RemindPanel";
import { ReviewSelected } from "./ReviewSelected";

type TabKey = "merge" | "review" | "remind" | "rank" | "documents" | "channels";

/** The office's pane: 汇总 and review, 催报, 考核, 通报 and 年度报告, and the reminder channels. */
export function OfficeDesk() {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [tab, setTab] = useState<TabKey>("merge");
  const plans = usePlans(work);
  const [chosen, setChosen] = useState("");
  const planId = chosen || (plans[0]?.id ?? "");
  const planRead = useLatest(planId ? () => api.getPlan(planId) : undefined, [api, planId]);
  const plan: Plan | undefined = planRead.value;

  return (
    <div className={styles.stack}>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabKey)} size="small">
        <Tab value="merge">汇总</Tab>
        <Tab value="review">审核</Tab>
        <Tab value="remind">催报</Tab>
        <Tab value="rank">考核</Tab>
        <Tab value="documents">通报</Tab>
        <Tab value="channels">渠道</Tab>
      </TabList>
      {tab === "merge" && <OfficePane />}
      {tab !== "merge" && tab !== "channels" && <PlanSelect label="方案" plans={plans} value={planId} onChange={setChosen} />}
      <Busy label={work.busy ?? (planRead.busy && tab !== "merge" ? "正在读取方案…" : undefined)} />
      <ErrorBar error={work.error ?? planRead.error} />
      {planId && tab === "review" && <ReviewSelected planId={planId} />}
      {plan?.id === planId && tab === "remind" && <RemindPanel plan={plan} />}
      {plan?.id === planId && tab === "rank" && <RankingPanel planId={planId} />}
      {plan?.id === planId && tab === "documents" && <DocumentsPanel planId={planId} year={plan.year} />}
      {tab === "channels" && <ChannelsPanel />}
    </div>
  );
}
