// The pane's calls for the office's oversight (reminders, 催报, ranking, contacts, channels, documents), each reply
// parsed with its zod schema from core/oversight/schema.ts, as the rest of api-client.ts does.
import {
  ChannelSettingsView, ContactsReply, DeliveriesReply, RankingReply, RemindersReply, ScoreWeights, UnitContacts, UnitReminders,
  type ChannelSettingsPut, type Contact, type SendRequest,
} from "../core/oversight/schema";
import { ApiError, OFFLINE_MESSAGE, type Call, type Connection } from "./api-client";

const enc = encodeURIComponent;

/** A file the API makes (the 通报, the 年度报告 section): fetched with the person's sign-in, handed over as a Blob. */
export type Download = (path: string) => Promise<Blob>;

export function downloader(connection: Connection, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): Download {
  const base = connection.serverUrl.replace(/\/+$/, "");
  const source = connection.token;
  const get = async (path: string, bearer: string) => {
    try {
      return await doFetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    } catch (error) {
      throw new ApiError("offline", OFFLINE_MESSAGE, undefined, String(error));
    }
  };
  return async (path) => {
    let response = await get(path, typeof source === "string" ? source.trim() : await source.bearer());
    // As for every call (api-client.ts): a refused bearer is renewed once.
    if (response.status === 401 && typeof source !== "string") {
      const renewed = await source.renew();
      if (renewed) response = await get(path, renewed);
    }
    if (!response.ok) throw new ApiError(response.status === 403 ? "forbidden" : "server", response.status === 403 ? "您的账号无权取得这份文件。" : "文件生成失败，请稍后重试；如持续出现，请联系管理员。", response.status);
    return response.blob();
  };
}

export function oversightEndpoints(call: Call, download: Download) {
  const plan = (planId: string) => `/plans/${enc(planId)}`;
  return {
    getReminders: (planId: string, within = 3) => call("GET", `${plan(planId)}/reminders?within=${within}`, { reply: RemindersReply }),
    /** The clerk's own 待办. */
    getUnitReminders: (planId: string, unit: string) => call("GET", `${plan(planId)}/units/${enc(unit)}/reminders`, { reply: UnitReminders }),
    sendReminders: (planId: string, body: SendRequest) => call("POST", `${plan(planId)}/reminders/send`, { body, reply: DeliveriesReply }),
    getDeliveries: (planId: string) => call("GET", `${plan(planId)}/reminders/sent`, { reply: DeliveriesReply }),
    retryDelivery: (planId: string, id: string) => call("POST", `${plan(planId)}/reminders/sent/${enc(id)}/retry`, { reply: DeliveriesReply }),
    getRanking: (planId: string) => call("GET", `${plan(planId)}/ranking`, { reply: RankingReply }),
    putWeights: (planId: string, weights: ScoreWeights) => call("PUT", `${plan(planId)}/ranking/weights`, { body: weights, reply: ScoreWeights }),
    getContacts: (planId: string) => call("GET", `${plan(planId)}/contacts`, { reply: ContactsReply }),
    putContacts: (planId: string, unit: string, people: Contact[]) => call("PUT", `${plan(planId)}/contacts/${enc(unit)}`, { body: { people }, reply: UnitContacts }),
    getNotifySettings: () => call("GET", "/notify/settings", { reply: ChannelSettingsView }),
    putNotifySettings: (body: ChannelSettingsPut) => call("PUT", "/notify/settings", { body, reply: ChannelSettingsView }),
    downloadBulletin: (planId: string) => download(`${plan(planId)}/bulletin`),
    downloadAnnualReport: (planId: string, format: "docx" | "xlsx") => download(`${plan(planId)}/annual-report?format=${format}`),
  };
}
