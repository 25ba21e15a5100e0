import {
  AriaLiveAnnouncer, Button, FluentProvider, Spinner, Text, makeStyles, tokens, webLightTheme,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { PaneConfig } from "../../core/accounts/contract";
import { ROLE_LABELS } from "../../core/accounts/person";
import { createApi, readTokenClaims } from "../api-client";
import { apiUrlOf, customApiUrl, providerFor, setCustomApiUrl } from "../session/config";
import type { SignInProvider, Tokens } from "../session/provider";
import { loadSession, Session } from "../session/session";
import { AdminPane } from "./admin/AdminPane";
import { ClerkPane } from "./clerk/ClerkPane";
import { Notice } from "./feedback";
import { OfficeDesk } from "./office/OfficeDesk";
import { ServicesContext, type Services } from "./services";
import { Settings } from "./Settings";
import { SignIn } from "./SignIn";
import { defaultWiring, type Wiring } from "./wiring";

const useStyles = makeStyles({
  pane: {
    // A task pane is 320 px on Excel's desktop and up to ~500 px when dragged wider; past that, lines grow too long.
    maxWidth: "640px",
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    // A field's single grid column is 1fr, whose minimum is its content: a <select> as wide as its longest
    // option (a plan's full title) would push the pane past the task pane's width. Let fields shrink instead.
    "& .fui-Field": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  header: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalS,
  },
  titleLine: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  tools: { display: "flex", flexShrink: 0 },
  who: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
});

type Ready = { config: PaneConfig; apiUrl: string; provider: SignInProvider };

/** The task pane: its config, then sign-in, then the pane of the person's role. `wiring` is swapped only by tests. */
export function App({ wiring = defaultWiring }: { wiring?: Wiring }) {
  const styles = useStyles();
  const [ready, setReady] = useState<Ready>();
  const [broken, setBroken] = useState<string>();
  const [session, setSession] = useState<Session>();
  const [ended, setEnded] = useState<string>();
  const [settings, setSettings] = useState(false);
  const [configVersion, setConfigVersion] = useState(0);

  const onEnded = useCallback((message: string) => {
    setSession(undefined);
    setEnded(message);
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const config = await wiring.loadConfig();
        const apiUrl = apiUrlOf(config, wiring.storage);
        const provider = await providerFor(config, apiUrl);
        setReady({ config, apiUrl, provider });
        const saved = loadSession(wiring.storage, apiUrl);
        if (saved) setSession(new Session(provider, wiring.storage, saved, onEnded));
      } catch (error) {
        // loadPaneConfig words its own failures for people; anything else is said plainly.
        console.error("taizhang:", error);
        setBroken(error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : "加载项无法读取自己的配置，请关闭并重新打开任务窗格；如仍出现，请联系管理员。");
      }
    })();
  }, [configVersion]);

  const services = useMemo<Services | undefined>(() => {
    const claims = session && readTokenClaims(session.currentBearer);
    if (!session || !ready || !claims) return undefined;
    return { api: createApi({ serverUrl: ready.apiUrl, token: session }), workbook: wiring.workbook, claims, validate: wiring.validate };
  }, [session, ready]);

  const signedIn = (username: string, tokens: Tokens) => {
    setEnded(undefined);
    setSession(Session.start(ready!.provider, wiring.storage, ready!.apiUrl, username, tokens, onEnded));
  };

  const body = () => {
    if (broken) return <Notice intent="warning" title="加载项无法启动">{broken}</Notice>;
    if (!ready) return <Spinner label="正在启动…" />;
    if (settings) {
      return (
        <Settings
          served={ready.config.apiUrl}
          custom={customApiUrl(wiring.storage)}
          onCancel={() => setSettings(false)}
          onSave={(custom) => {
            setCustomApiUrl(wiring.storage, custom);
            setSettings(false);
            if (apiUrlOf(ready.config, wiring.storage) !== ready.apiUrl) {
              void session?.signOut();
              setSession(undefined);
              setReady(undefined);
              setConfigVersion((v) => v + 1);
            }
          }}
        />
      );
    }
    if (!services) return <SignIn provider={ready.provider} notice={ended} onSignedIn={signedIn} onSettings={() => setSettings(true)} />;
    const { role, unit } = services.claims;
    if (role === "clerk" && !unit) {
      return <Notice intent="warning" title="账号缺少单位">此账号没有指定单位，请联系管理员在“账号”页为您设置单位。</Notice>;
    }
    return (
      <ServicesContext.Provider value={services}>
        {role === "clerk" ? <ClerkPane unit={unit!} /> : role === "office" ? <OfficeDesk /> : <AdminPane />}
      </ServicesContext.Provider>
    );
  };

  const signOut = () => {
    void session?.signOut();
    setSession(undefined);
    setEnded(undefined);
  };

  return (
    <FluentProvider theme={webLightTheme} lang="zh-CN">
      <AriaLiveAnnouncer>
        <main className={styles.pane}>
          <header className={styles.header}>
            <div className={styles.titleLine}>
              <Text as="h1" className={styles.title}>台账</Text>
              {services && !settings && (
                <span className={styles.tools}>
                  <Button size="small" appearance="subtle" onClick={() => setSettings(true)}>设置</Button>
                  <Button size="small" appearance="subtle" onClick={signOut}>退出登录</Button>
                </span>
              )}
            </div>
            {services && !settings && (
              <Text className={styles.who}>{[services.claims.name, ROLE_LABELS[services.claims.role], services.claims.unit].filter(Boolean).join(" · ")}</Text>
            )}
          </header>
          {body()}
        </main>
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}
