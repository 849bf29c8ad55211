// npm start: build, then open the desktop till. Where Electron's program is not installed and cannot be
// downloaded, say so in one line and serve the same till to a browser. `npm run web` does that on purpose.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { preview } from 'vite';
import { buildRenderer, buildShell } from './build.mjs';
import { nodeTooOld } from './desktop-needs.mjs';

const require = createRequire(import.meta.url);

/** The Electron program's path, or null when npm installed the package without it. */
function electronProgram() {
  try {
    return require('electron');
  } catch {
    return null;
  }
}

/**
 * Electron's program is fetched here on first start, not by npm's install step (package.json denies that
 * script), so an install never fails on a machine that cannot reach Electron's downloads.
 */
function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  console.log('首次启动：正在下载桌面程序 Electron（约 100 MB），请稍候…');
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  return spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 600_000 }).status === 0;
}

async function serveInBrowser(reason) {
  const server = await preview({ logLevel: 'silent', preview: { strictPort: false } });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
  console.log(reason ? `${reason}，改为在浏览器中打开收银台：${url}` : `收银台已在浏览器中运行：${url}（按 Ctrl+C 停止）`);
}

const webOnly = process.argv.includes('--web');
const tooOld = webOnly ? null : nodeTooOld(process.version, require('electron/package.json'));
await buildRenderer();
if (webOnly) {
  await serveInBrowser();
} else if (tooOld) {
  await serveInBrowser(tooOld);
} else {
  await buildShell();
  const program = electronProgram() ?? (downloadElectron() ? electronProgram() : null);
  if (program) {
    const child = spawn(program, ['.'], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    await serveInBrowser('未安装桌面程序 Electron，且无法下载');
  }
}
