// The desktop shell's entry: hands Electron's real API to startShell (shell.ts), where every step is
// unit-tested with a stand-in.
import * as electron from 'electron';
import path from 'node:path';
import { startShell } from './shell';

startShell(electron, {
  rendererDir: path.join(__dirname, '../renderer'),
  preloadPath: path.join(__dirname, 'preload.cjs'),
  versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
  platform: process.platform,
  loadUpdater: () => import('electron-updater').then((module) => module.autoUpdater),
});
