import { Tab, TabList } from "@fluentui/react-components";
import { useState } from "react";
import { usePaneStyles } from "../layout";
import { CarryOver } from "./CarryOver";
import { Contacts } from "./Contacts";
import { ImportPlan } from "./ImportPlan";
import { People } from "./People";

export function AdminPane() {
  const styles = usePaneStyles();
  const [tab, setTab] = useState<"import" | "carry" | "people" | "contacts">("import");
  return (
    <div className={styles.stack}>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
        <Tab value="import">导入方案</Tab>
        <Tab value="carry">回头看</Tab>
        <Tab value="people">账号</Tab>
        <Tab value="contacts">联系人</Tab>
      </TabList>
      {tab === "import" ? <ImportPlan /> : tab === "carry" ? <CarryOver /> : tab === "people" ? <People /> : <Contacts />}
    </div>
  );
}
