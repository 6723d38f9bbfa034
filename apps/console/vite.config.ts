import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The hub listens here in development (`npm start`); the dev server forwards the API to it so cookies stay same-origin.
const hub = process.env.ASTRON_HUB_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), tailwindcss()],
  // Workspace packages (@astron/dsl) export their TypeScript sources under "astron-source": bundle those, not a stale dist.
  resolve: { conditions: ['astron-source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: {
    port: 1881,
    proxy: {
      '/api': { target: hub, changeOrigin: false },
      '/v1': { target: hub, changeOrigin: false },
    },
  },
});
