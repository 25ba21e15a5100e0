// 汇总, page by page: the API hands every unit's rows over in pages of at most 2 MB, each written to 汇总台账 in
// one Excel request as it arrives (the next page is on its way meanwhile), with "已读取 120/1000 个单位" as it
// goes; 任务进度, 单位统计 and 未报送单位 follow once the last page is in. The pane holds one page at a time and
// the per-unit tallies, never every unit's rows. It starts once the status is in: the sheets' 截至 day, each
// unit's 退回次数 and first 报送 and the office's weights come from it.
import { consolidatedSheetBuilder } from "../../../core/merge/sheets";
import { unitKey } from "../../../core/plan/unit-directory";
import type { Api, StatusReply } from "../../api-client";
import type { Step } from "../feedback";
import type { WorkbookPort } from "../workbook-port";

export interface Pulled {
  status: StatusReply;
  units: number;
  rows: number;
}

const ignore = () => undefined;

export async function pullConsolidated(
  api: Pick<Api, "getPlan" | "getConsolidatedPage" | "getStatus">,
  workbook: Pick<WorkbookPort, "startConsolidated">,
  planId: string,
  progress: Step,
): Promise<Pulled> {
  // Asked for at once; each is awaited where it is needed (the catch only keeps an early failure from going
  // unhandled while other work is awaited; awaiting it still throws).
  const statusCall = api.getStatus(planId);
  statusCall.catch(ignore);
  let pageCall = api.getConsolidatedPage(planId);
  pageCall.catch(ignore);

  progress("正在读取各单位报送情况…");
  const plan = await api.getPlan(planId);
  // The day, the weights, each unit's 退回次数 and when it first reported: what the status says and the pages do not.
  const status = await statusCall;
  const firstSync = new Map(status.units.flatMap((u) => (u.firstSyncAt ? [[unitKey(u.unit), u.firstSyncAt] as const] : [])));
  const sheets = consolidatedSheetBuilder(plan, {
    today: status.today,
    returns: new Map(status.units.map((u) => [unitKey(u.unit), u.returns ?? 0])),
    ...(status.weights ? { weights: status.weights } : {}),
  });
  // The units to read are those that have reported.
  const reported = status.units.filter((u) => u.reported).length;
  const tell = () => {
    const total = Math.max(reported, sheets.units);
    progress(`已读取 ${sheets.units}/${total} 个单位`, sheets.units, total);
  };
  const writer = await workbook.startConsolidated(sheets.consolidated);
  tell();

  for (;;) {
    const page = await pageCall;
    if (page.next) {
      pageCall = api.getConsolidatedPage(planId, page.next);
      pageCall.catch(ignore);
    }
    await writer.append(sheets.add(page.ledgers.map((l) => ({ ...l, firstSyncAt: firstSync.get(unitKey(l.unit)) }))));
    tell();
    if (!page.next) break;
  }
  progress("正在写入任务进度、单位统计、考核排名…");
  await writer.finish(sheets.finish());
  return { status, units: sheets.units, rows: sheets.rows };
}
