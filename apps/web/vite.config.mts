import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The web app of the casusoverleg. `npm run build` puts it in dist/web, which the API serves at `/`
 * (apps/api/src/web-app.ts). `npm run dev:web` serves it on :5173 and proxies /api to the API on :3000.
 * WEB_OUT_DIR builds elsewhere (the browser tests build a private copy).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // The client page runs the same trajectory machine as the server (issue 6); plain type files of the API's
    // answers are shared from libs/ (never a module with runtime imports: the browser would pull in the server).
    alias: { '@koers/machines': `${repo}machines`, '@koers/libs': `${repo}libs` },
  },
  build: {
    outDir: process.env.WEB_OUT_DIR ?? `${repo}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
    // No inline scripts or styles: the Content-Security-Policy allows only same-origin files.
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
