import { createContext, useContext } from "react";
import type { Api, TokenClaims } from "../api-client";
import type { Finding, LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import type { WorkbookPort } from "./workbook-port";

/** Everything a pane talks to, wired once in App: the API, the workbook, and core's checks. */
export interface Services {
  api: Api;
  workbook: WorkbookPort;
  claims: TokenClaims;
  validate(plan: Plan, unit: string, rows: LedgerRow[]): Finding[];
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("ServicesContext missing: render panes inside <App/>");
  return services;
}
