// The initial passwords as the admin hands them out: one table, written to .xlsx by api/xlsx, opened in Excel
// by the pane, printed or sent.
import type { SheetTable } from "../merge/sheets";
import type { InitialCredential } from "./contract";
import { ROLE_LABELS } from "./person";

export const CREDENTIALS_SHEET_NAME = "初始密码";

export function credentialsSheet(credentials: InitialCredential[]): SheetTable {
  return {
    header: ["单位", "姓名", "用户名", "初始密码", "身份"],
    rows: credentials.map((c) => [c.unit ?? "", c.name, c.username, c.password, ROLE_LABELS[c.role]]),
    widths: [26, 12, 22, 18, 12],
  };
}

/** Printed under the table: what the person does with it. */
export const CREDENTIALS_NOTE = "请在 Excel 台账加载项中用以上用户名和初始密码登录；首次登录须设置新密码，初始密码随即失效。本表含密码，请妥善保管，分发后销毁。";
