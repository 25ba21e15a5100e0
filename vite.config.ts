import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The task pane: addin/taskpane.html and what it imports, built to dist/addin, which api/local/addin-server.ts
// serves over HTTPS. Icons in addin/assets/public land at /icons/… where manifest.xml points.
export default defineConfig({
  root: "addin",
  base: "./",
  publicDir: "assets/public",
  plugins: [react()],
  build: {
    outDir: "../dist/addin",
    emptyOutDir: true,
    rollupOptions: { input: "addin/taskpane.html" },
    chunkSizeWarningLimit: 2000,
  },
});
