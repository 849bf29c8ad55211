import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/security.ts';
import type * as WebShellModule from './postgres/web-shell.ts';

type WebShell = typeof WebShellModule;

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// 多台收银 in the browser build: the preview server (npm run web, the e2e setup) plays the desktop shell's
// part at /api/sync/… (postgres/web-shell.ts), loaded through tsx only when a preview server starts.
const webShell = (): Plugin => ({
  name: 'canteen-web-shell',
  async configurePreviewServer(server) {
    const { tsImport } = await import('tsx/esm/api');
    const shell = (await tsImport('./postgres/web-shell.ts', import.meta.url)) as WebShell;
    shell.attachWebShell(server);
  },
});

// The renderer builds to relative URLs so the same files load from app://canteen/ and from localhost.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), webShell()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  // The first screen's size is watched by `npm run bench` (bundle_initial_gzip_kb), not by Vite's raw-size warning.
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120', reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
  // The browser till is served with the same policy the desktop shell enforces.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } },
});
