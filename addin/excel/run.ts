// Every workbook operation is one Excel.run through here. It waits while the clerk is still typing in a cell
// (delayForCellEdit, ExcelApi 1.11: without it Excel fails the whole batch with InvalidOperationInCellEditMode
// the moment someone clicks 检查 mid-edit; older Excel ignores the option), and it turns Excel's errors into a
// sentence the clerk can act on: the pane never shows Excel's English message or its error code.

/** A problem with the workbook, said for the clerk (Chinese, what to do); shown as written. */
export class SheetProblem extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SheetProblem";
  }
}

/** Excel's error codes a clerk can cause, and what to do about each. */
const EXCEL_ERRORS: Record<string, string> = {
  InvalidOperationInCellEditMode: "表格中有单元格正在编辑：请按 Enter 键结束编辑后再试。",
  ItemNotFound: "找不到台账用到的工作表或表格，它可能刚被改名或删除了。",
  ItemAlreadyExists: "工作簿中已有同名的工作表或表格，请改名后再试。",
  AccessDenied: "工作簿或工作表受保护，无法写入：请撤销保护后再试。",
  InsertDeleteConflict: "表格下方的合并单元格或筛选使行无法插入或删除：请取消下方的合并单元格或筛选后再试。",
  UnsupportedOperation: "当前的 Excel 不支持这一操作，请使用较新版本的 Excel 或 Excel 网页版。",
  ApiNotFound: "当前的 Excel 不支持这一操作，请使用较新版本的 Excel 或 Excel 网页版。",
  RequestPayloadSizeLimitExceeded: "一次写入表格的内容太多，Excel 未能完成：请稍后重试，或联系管理员。",
  ResponsePayloadSizeLimitExceeded: "表格内容太多，Excel 未能一次读出：请删去台账以外的大量内容后重试。",
  Conflict: "其他人正在同时编辑这个工作簿，Excel 暂未能写入：请稍候片刻再试。",
};

const GENERIC = "Excel 未能完成这一步：请关闭正在打开的对话框、保存工作簿后重试；如仍失败，请关闭并重新打开任务窗格。";

/** The clerk's sentence for an error out of Excel.run; our own SheetProblem passes as it is. */
export function sheetProblemOf(error: unknown): SheetProblem {
  if (error instanceof SheetProblem) return error;
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  return new SheetProblem(EXCEL_ERRORS[code] ?? GENERIC, { cause: error });
}

export async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run({ delayForCellEdit: true }, batch);
  } catch (error) {
    throw sheetProblemOf(error);
  }
}
