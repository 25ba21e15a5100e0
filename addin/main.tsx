// The task pane's entry: wait for Office.js, then render the pane. Outside Excel (a plain browser) Office.onReady
// still resolves, and the pane says it needs Excel instead of failing on the first workbook call.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { excelApiSupported, EXCEL_API_VERSION } from "./excel/requirements";
import { App } from "./ui/App";

const root = createRoot(document.getElementById("root")!);

void Office.onReady(({ host }) => {
  if (host !== Office.HostType.Excel || !excelApiSupported()) {
    root.render(
      <p style={{ padding: 16 }}>
        台账加载项需要在 Excel（Microsoft 365、Excel 2021 及以上或网页版 Excel，支持 ExcelApi {EXCEL_API_VERSION}）中打开。
      </p>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
