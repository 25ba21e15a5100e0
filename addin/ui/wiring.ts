import type { KeyValueStore } from "../api-client";
import { checkSheet } from "./check-sheet";
import type { Services } from "./services";
import type { WorkbookPort } from "./workbook-port";
import { excelWorkbook } from "./excel-workbook";

/** What App plugs in: the add-in's storage, the workbook, core's validation. Tests hand in doubles. */
export interface Wiring {
  storage: KeyValueStore;
  workbook: WorkbookPort;
  validate: Services["validate"];
}

export const defaultWiring: Wiring = {
  storage: globalThis.localStorage,
  workbook: excelWorkbook,
  validate: checkSheet,
};
