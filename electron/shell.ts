// The desktop shell's wiring, as one function over Electron's API so a unit test can run it with a
// stand-in and see every protection applied: the privileged scheme, one instance, hardened web
// contents and session, no menu, the app protocol, guarded IPC, the sandboxed window, local crash dumps.
import type { App, BrowserWindowConstructorOptions, CrashReporter, Dialog, Menu, Protocol, SafeStorage, WebContents } from 'electron';
import path from 'node:path';
import { serveAppRequest } from './app-protocol';
import { createBridgeHandlers } from './bridge-handlers';
import { FolderGrants } from './files';
import { SyncService } from '../postgres/hub/sync-service';
import { OfficeService } from '../postgres/office-service';
import { LedgerJournal } from './journal';
import { registerBridgeHandlers, type IpcMainLike } from './ipc';
import { CLAIM_KEY, keyFileAt, POLICY_KEY, SigningKeyStore } from './signing-key-store';
import { APP_ENTRY_URL, APP_SCHEME, hardenSession, hardenWebContents, secureWebPreferences, type HardenableSession } from './security';
import { DailyLog } from './support-log';
import { describeUpdateSource, readUpdateConfig, startUpdates, type UpdaterLike } from './updates';

type TillWindow = {
  webContents: WebContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
};

export type ShellElectron = {
  app: Pick<App, 'on' | 'whenReady' | 'requestSingleInstanceLock' | 'quit' | 'getPath' | 'getName' | 'getVersion'> & {
    commandLine: Pick<App['commandLine'], 'appendSwitch'>;
  };
  BrowserWindow: {
    new (options: BrowserWindowConstructorOptions): TillWindow;
    getAllWindows(): TillWindow[];
    fromWebContents(contents: WebContents): TillWindow | null;
  };
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  ipcMain: IpcMainLike<WebContents>;
  Menu: Pick<typeof Menu, 'setApplicationMenu'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
  session: { defaultSession: HardenableSession };
  crashReporter: Pick<CrashReporter, 'start'>;
};

export type ShellOptions = {
  rendererDir: string;
  preloadPath: string;
  versions: Record<string, string>;
  platform: string;
  /** electron-updater, loaded only when update.json names a source. */
  loadUpdater?: () => Promise<UpdaterLike>;
};

export function tillWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    title: '助餐收银台',
    backgroundColor: '#f4f6f8',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Wires the shell; `ready` settles once the window is open (or at once when another till is running). */
export function startShell(electron: ShellElectron, options: ShellOptions): { ready: Promise<void> } {
  const { app, BrowserWindow, dialog, ipcMain, protocol, session } = electron;
  // Must precede app ready: the renderer's origin is app://canteen, a secure standard scheme.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
  // Chinese date pickers (2026/11/30, 年/月/日) and messages whatever the PC's Windows language: the
  // canteen's staff read Chinese, and a US-format picker (11/30/2026) invites day/month mix-ups.
  app.commandLine.appendSwitch('lang', 'zh-CN');
  // Two tills on one database would interleave the ledger's hash chain: the second start focuses the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve() };
  }

  // Crash dumps stay in the data folder for the support person; nothing is uploaded anywhere.
  electron.crashReporter.start({ uploadToServer: false, compress: true });
  const userData = app.getPath('userData');
  const log = new DailyLog(path.join(userData, 'logs'));
  const grants = new FolderGrants(path.join(userData, 'granted-folders.json'));
  // 多台收银: the hub connection (and, on the host PC, the embedded hub with its data in the app's folder).
  const sync = new SyncService(userData);
  // 街道 mode: the office's store on a PostgreSQL server, its password kept in the data folder.
  const office = new OfficeService(userData);
  let updateSource: string | null = null;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void sync.close();
    void office.close();
  });
  app.on('render-process-gone', (_event, _contents, details) => void log.write('error', 'main', `页面进程退出：${details.reason}（${details.exitCode}）`));
  app.on('child-process-gone', (_event, details) => void log.write('warn', 'main', `子进程退出：${details.type} ${details.reason}`));

  const ready = app.whenReady().then(async () => {
    // No menu: the default one offers reload and developer tools to anyone at the counter.
    electron.Menu.setApplicationMenu(null);
    hardenSession(session.defaultSession);
    await grants.load();
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, options.rendererDir));
    registerBridgeHandlers(
      ipcMain,
      createBridgeHandlers<WebContents>({
        app,
        dialogs: {
          open: (sender, dialogOptions) => {
            const window = BrowserWindow.fromWebContents(sender);
            return window ? dialog.showOpenDialog(window as never, dialogOptions) : dialog.showOpenDialog(dialogOptions);
          },
          save: (sender, dialogOptions) => {
            const window = BrowserWindow.fromWebContents(sender);
            return window ? dialog.showSaveDialog(window as never, dialogOptions) : dialog.showSaveDialog(dialogOptions);
          },
        },
        // The signing keys stay in this process, each in its own file outside the books (so no backup carries them).
        signingKeys: {
          claims: new SigningKeyStore(electron.safeStorage, keyFileAt(path.join(userData, 'signing-key.json')), options.platform, Date.now, CLAIM_KEY),
          office: new SigningKeyStore(electron.safeStorage, keyFileAt(path.join(userData, 'office-signing-key.json')), options.platform, Date.now, POLICY_KEY),
        },
        grants,
        journal: new LedgerJournal(path.join(userData, 'ledger-journal')),
        dataFolder: userData,
        sync,
        office,
        log,
        crashFolder: app.getPath('crashDumps'),
        updateSource: () => updateSource,
        versions: options.versions,
        platform: options.platform,
      }),
    );

    const window = new BrowserWindow(tillWindowOptions(options.preloadPath));
    window.once('ready-to-show', () => window.show());
    void window.loadURL(APP_ENTRY_URL);
    void log.write('info', 'main', `收银台启动：版本 ${app.getVersion()}，Electron ${options.versions.electron ?? '?'}，${options.platform}`);

    const update = await readUpdateConfig(path.join(userData, 'update.json'));
    if (update.problem) void log.write('warn', 'main', update.problem);
    updateSource = describeUpdateSource(update.source);
    if (update.source && options.loadUpdater) {
      const write = (level: 'info' | 'warn', message: string) => void log.write(level, 'main', message);
      void options.loadUpdater().then((updater) => startUpdates(update.source, updater, write), (error: unknown) => write('warn', `无法启动自动更新：${String(error)}`));
    }
  });
  return { ready };
}
