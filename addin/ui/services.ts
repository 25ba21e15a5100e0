import { createContext, useContext } from "react";
import type { Api } from "../api-client";
import type { TokenClaims } from "../../core/api/contract";
import type { Plan } from "../../core/plan/schema";
import type { LedgerCheck } from "../../core/validate/validate";
import type { SheetRows, WorkbookPort } from "./workbook-port";

/** Everything a pane talks to, wired once in App: the API, the workbook, and core's checks. */
export interface Services {
  api: Api;
  workbook: WorkbookPort;
  claims: TokenClaims;
  /** core's check of the sheet's rows: findings, and each row in the stored shape a sync sends. */
  validate(plan: Plan, unit: string, sheet: SheetRows): LedgerCheck;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("ServicesContext missing: render panes inside <App/>");
  return services;
}
