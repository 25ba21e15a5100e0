import type { NotifyDeps } from "../notify/channels";
import type { RetryPolicy } from "../notify/deliver";
import type { OversightStore } from "../storage/oversight-store";

/** What the oversight routes and the daily digest need besides the ledgers. */
export interface OversightDeps {
  store: OversightStore;
  notify: NotifyDeps;
  /** The daily digest's schedule as people read it, e.g. 工作日 8:30. */
  scheduleText: string;
  policy?: RetryPolicy;
}
