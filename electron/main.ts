// The desktop shell: one locked-down window onto the renderer, and the bridge's handlers.
// Kept thin on purpose; the rules it applies live in security.ts, app-protocol.ts, ipc.ts,
// files.ts and printing.ts, which are unit-tested without Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, type WebContents } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SyncService } from '../postgres/hub/sync-service';
import type { FileFailure } from '../shared/bridge';
import { serveAppRequest } from './app-protocol';
import {
  describeFsError,
  FolderGrants,
  listGrantedFolder,
  removeFromGrantedFolder,
  writeFileAtomic,
  writeInGrantedFolder,
} from './files';
import { registerBridgeHandlers, type BridgeHandlers } from './ipc';
import { pdfOptions, printOptions, toPrinter } from './printing';
import { APP_ENTRY_URL, APP_SCHEME, hardenSession, hardenWebContents, secureWebPreferences } from './security';

const RENDERER_DIR = path.join(__dirname, '../renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');
const CANCELLED: FileFailure = { ok: false, code: 'cancelled', message: '已取消' };

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

// Two tills on one database would interleave the ledger's hash chain: the second start focuses the first.
if (!app.requestSingleInstanceLock()) app.quit();

const grants = new FolderGrants(path.join(app.getPath('userData'), 'granted-folders.json'));
// 多台收银: the hub connection (and, on the host PC, the embedded hub with its data in the app's folder).
const sync = new SyncService(app.getPath('userData'));
// Dialogs open over the window that asked, so they stay in front of the till.
function showOpenDialog(sender: WebContents, options: Electron.OpenDialogOptions) {
  const window = BrowserWindow.fromWebContents(sender);
  return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
}
function showSaveDialog(sender: WebContents, options: Electron.SaveDialogOptions) {
  const window = BrowserWindow.fromWebContents(sender);
  return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
}

function keyStoreAvailable(): void {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('系统密钥库不可用，无法保护签名密钥');
}

const handlers: BridgeHandlers<WebContents> = {
  appInfo: async () => ({ name: app.getName(), version: app.getVersion(), shell: 'desktop', platform: process.platform }),
  saveFile: async (sender, { suggestedName, bytes, filters }) => {
    const choice = await showSaveDialog(sender, { defaultPath: path.join(app.getPath('documents'), suggestedName), filters });
    if (choice.canceled || !choice.filePath) return CANCELLED;
    const written = await writeFileAtomic(choice.filePath, bytes);
    return written.ok ? { ok: true, path: choice.filePath } : written;
  },
  openFiles: async (sender, { filters, multiple }) => {
    const choice = await showOpenDialog(sender, { filters, properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'] });
    if (choice.canceled) return CANCELLED;
    try {
      const files = await Promise.all(choice.filePaths.map(async (filePath) => ({ name: path.basename(filePath), bytes: new Uint8Array(await fs.readFile(filePath)) })));
      return { ok: true, files };
    } catch (error) {
      return describeFsError(error);
    }
  },
  pickFolder: async (sender) => {
    const choice = await showOpenDialog(sender, { properties: ['openDirectory', 'createDirectory'] });
    const folder = choice.filePaths[0];
    if (choice.canceled || !folder) return CANCELLED;
    await grants.grant(folder);
    return { ok: true, folder };
  },
  writeInFolder: (_sender, { folder, name, bytes }) => writeInGrantedFolder(grants, folder, name, bytes),
  listFolder: (_sender, folder) => listGrantedFolder(grants, folder),
  removeFromFolder: (_sender, { folder, name }) => removeFromGrantedFolder(grants, folder, name),
  listPrinters: async (sender) => (await sender.getPrintersAsync()).map(toPrinter),
  print: (sender, request) =>
    new Promise((resolve) =>
      sender.print(printOptions(request), (success, failureReason) =>
        resolve(success ? { ok: true } : { ok: false, message: `打印失败：${failureReason || '打印机没有响应'}` }),
      ),
    ),
  printToPdf: async (sender, request) => new Uint8Array(await sender.printToPDF(pdfOptions(request))),
  sealSecret: async (_sender, plain) => {
    keyStoreAvailable();
    return new Uint8Array(safeStorage.encryptString(Buffer.from(plain).toString('base64')));
  },
  unsealSecret: async (_sender, sealed) => {
    keyStoreAvailable();
    return new Uint8Array(Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'));
  },
  syncConfigure: (_sender, config) => sync.configure(config),
  syncPush: (_sender, request) => sync.push(request),
  syncPull: (_sender, request) => sync.pull(request),
};

function openTill(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    title: '助餐收银台',
    backgroundColor: '#f4f6f8',
    show: false,
    webPreferences: secureWebPreferences(PRELOAD),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void sync.close());

void app.whenReady().then(async () => {
  Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession);
  await grants.load();
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, RENDERER_DIR, fs.readFile));
  registerBridgeHandlers(ipcMain, handlers);
  openTill();
});
