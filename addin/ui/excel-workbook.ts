// The pane's WorkbookPort over addin/excel (the only Office.js code). Operations whose addin/excel function
// has not landed yet fail with a sentence saying so, instead of pretending to work.
import { readBinding } from "../excel/binding";
import { createLedgerSheet } from "../excel/create-ledger";
import type { WorkbookPort } from "./workbook-port";

const notYet = (what: string) => async (): Promise<never> => {
  throw new Error(`“${what}”尚未接入本版本加载项，请更新加载项后重试`);
};

export const excelWorkbook: WorkbookPort = {
  readBinding,
  createLedger: async (plan, unit, rows) => (await createLedgerSheet(plan, unit, rows)).binding,
  previewAdoption: notYet("使用当前表"),
  adopt: notYet("使用当前表"),
  readRows: notYet("读取台账"),
  markFindings: notYet("标记检查结果"),
  selectFinding: notYet("定位单元格"),
  applyServerRows: notYet("写回同步结果"),
  applyPlanUpdate: notYet("应用方案更新"),
  writeConsolidated: notYet("写入汇总"),
};
