import {
  Button, FluentProvider, Text, makeStyles, tokens, webLightTheme,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import {
  ROLE_LABELS, createApi, forgetConnection, loadConnection, readTokenClaims, saveConnection, type Connection,
} from "../api-client";
import { AdminPane } from "./admin/AdminPane";
import { ClerkPane } from "./clerk/ClerkPane";
import { Notice } from "./feedback";
import { OfficeDesk } from "./office/OfficeDesk";
import { ServicesContext, type Services } from "./services";
import { SignIn } from "./SignIn";
import { defaultWiring, type Wiring } from "./wiring";

const useStyles = makeStyles({
  pane: {
    maxWidth: "420px",
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
    alignItems: "center",
    justifyContent: "space-between",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalS,
  },
});

/** The task pane: sign in, then the pane of the token's role. `wiring` is swapped only by tests. */
export function App({ wiring = defaultWiring }: { wiring?: Wiring }) {
  const styles = useStyles();
  const [connection, setConnection] = useState<Connection | undefined>(() => loadConnection(wiring.storage));
  const [editing, setEditing] = useState(false);
  const claims = connection && readTokenClaims(connection.token);
  const services = useMemo<Services | undefined>(
    () => (connection && claims ? { api: createApi(connection), workbook: wiring.workbook, claims, validate: wiring.validate } : undefined),
    [connection?.serverUrl, connection?.token],
  );

  const body = () => {
    if (!services || editing) {
      return (
        <SignIn
          initial={connection}
          onSave={(next) => {
            saveConnection(wiring.storage, next);
            setConnection(next);
            setEditing(false);
          }}
        />
      );
    }
    const { role, unit } = services.claims;
    if (role === "clerk" && !unit) {
      return <Notice intent="warning" title="令牌缺少单位">此令牌没有指定单位，请向管理员索取单位联络员令牌。</Notice>;
    }
    return (
      <ServicesContext.Provider value={services}>
        {role === "clerk" ? <ClerkPane unit={unit!} /> : role === "office" ? <OfficeDesk /> : <AdminPane />}
      </ServicesContext.Provider>
    );
  };

  return (
    <FluentProvider theme={webLightTheme} lang="zh-CN">
      <main className={styles.pane}>
        <header className={styles.header}>
          <Text weight="semibold" size={500}>台账</Text>
          {services && !editing && (
            <span>
              <Text size={200}>{`${ROLE_LABELS[services.claims.role]}${services.claims.unit ? ` · ${services.claims.unit}` : ""}`}</Text>
              <Button size="small" appearance="subtle" onClick={() => setEditing(true)}>设置</Button>
              <Button
                size="small"
                appearance="subtle"
                onClick={() => {
                  forgetConnection(wiring.storage);
                  setConnection(undefined);
                }}
              >
                退出
              </Button>
            </span>
          )}
        </header>
        {body()}
      </main>
    </FluentProvider>
  );
}
