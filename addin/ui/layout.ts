import { makeStyles, tokens } from "@fluentui/react-components";

/** The pane's few shared layouts: a column of sections, a row of buttons, a scrolling list, headings. */
export const usePaneStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, maxHeight: "320px", overflowY: "auto" },
  /** A list that is the point of its section (findings, conflicts): it takes the pane's height, the pane scrolls. */
  fullList: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, listStyleType: "none", margin: 0, padding: 0 },
  item: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  small: { fontSize: tokens.fontSizeBase200 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});
