// config.json, served beside taskpane.html: where the API is and how people sign in. A custom API address
// chosen under 设置 (a second local stack, a test server) is kept in the add-in's storage and wins.
import { PaneConfig } from "../../core/accounts/contract";
import { formatIssues } from "../../core/schema-kit";
import type { KeyValueStore } from "../api-client";
import { localProvider } from "./local-provider";
import type { SignInProvider } from "./provider";

const CUSTOM_API_KEY = "taizhang.apiUrl";

export async function loadPaneConfig(fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<PaneConfig> {
  let json: unknown;
  try {
    const response = await fetchImpl("config.json", { cache: "no-store" });
    if (!response.ok) throw new Error(String(response.status));
    json = await response.json();
  } catch {
    throw new Error("无法读取加载项的配置（config.json），请检查网络，或请管理员确认加载项已完整部署。");
  }
  const parsed = PaneConfig.safeParse(json);
  if (!parsed.success) {
    console.warn("taizhang: config.json", formatIssues(parsed.error));
    throw new Error("加载项的配置有误，请管理员重新部署。");
  }
  return parsed.data;
}

export const customApiUrl = (store: KeyValueStore) => store.getItem(CUSTOM_API_KEY) ?? undefined;
export function setCustomApiUrl(store: KeyValueStore, url: string | undefined): void {
  if (url) store.setItem(CUSTOM_API_KEY, url);
  else store.removeItem(CUSTOM_API_KEY);
}

/** The API address in use: the custom one from 设置, else the served one. */
export const apiUrlOf = (config: PaneConfig, store: KeyValueStore) => customApiUrl(store) ?? config.apiUrl;

export async function providerFor(config: PaneConfig, apiUrl: string): Promise<SignInProvider> {
  if (config.signIn.mode === "local") return localProvider(apiUrl);
  // Only an AWS deployment loads the Cognito client.
  const { cognitoProvider } = await import("./cognito-provider");
  return cognitoProvider(config.signIn);
}
