import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // Same origin for the browser: no CORS preflights in development.
    proxy: { "/trpc": process.env.API_PROXY_TARGET ?? "http://127.0.0.1:3000" },
  },
  preview: {
    proxy: { "/trpc": process.env.API_PROXY_TARGET ?? "http://127.0.0.1:3000" },
  },
});
