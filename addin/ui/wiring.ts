import type { PaneConfig } from "../../core/accounts/contract";
import type { KeyValueStore } from "../api-client";
import { loadPaneConfig } from "../session/config";
import { checkSheet } from "./check-sheet";
import type { Services } from "./services";
import type { WorkbookPort } from "./workbook-port";
import { excelWorkbook } from "./excel-workbook";

/** What App plugs in: the add-in's storage, the workbook, core's validation. Tests hand in doubles. */
export interface Wiring {
  storage: KeyValueStore;
  workbook: WorkbookPort;
  validate: Services["validate"];
  /** config.json from the pane's own origin. */
  loadConfig(): Promise<PaneConfig>;
}

export const defaultWiring: Wiring = {
  storage: globalThis.localStorage,
  workbook: excelWorkbook,
  validate: checkSheet,
  loadConfig: () => loadPaneConfig(),
};
