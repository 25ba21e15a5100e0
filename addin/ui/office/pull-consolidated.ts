// 汇总, page by page: the API hands every unit's rows over in pages of at most 2 MB, each written to 汇总台账 in
// one Excel request as it arrives (the next page is on its way meanwhile), with "已读取 120/1000 个单位" as it
// goes; 任务进度, 单位统计 and 未报送单位 follow once the last page is in. The pane holds one page at a time and
// the per-unit tallies, never every unit's rows.
import { consolidatedSheetBuilder } from "../../../core/merge/sheets";
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

  // The units to read are those that have reported; the status says how many once it is in.
  let reported: number | undefined;
  let started = false;
  void statusCall.then((status) => {
    reported = status.units.filter((u) => u.reported).length;
    if (started) tell();
  }, ignore);
  const tell = () => {
    const total = reported === undefined ? undefined : Math.max(reported, sheets.units);
    if (total === undefined) progress(`已读取 ${sheets.units} 个单位`);
    else progress(`已读取 ${sheets.units}/${total} 个单位`, sheets.units, total);
  };

  const sheets = consolidatedSheetBuilder(await api.getPlan(planId));
  const writer = await workbook.startConsolidated(sheets.consolidated);
  started = true;
  tell();

  for (;;) {
    const page = await pageCall;
    if (page.next) {
      pageCall = api.getConsolidatedPage(planId, page.next);
      pageCall.catch(ignore);
    }
    await writer.append(sheets.add(page.ledgers));
    tell();
    if (!page.next) break;
  }
  const status = await statusCall;
  progress("正在写入任务进度、单位统计…");
  await writer.finish(sheets.finish());
  return { status, units: sheets.units, rows: sheets.rows };
}
