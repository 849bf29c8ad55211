import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bridgeChannel, bridgeMethods } from '../shared/bridge';
import { badArgumentLists, FOREIGN_FRAMES } from './ipc-test-cases';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, secureWebPreferences } from './security';
import { startShell, type ShellElectron } from './shell';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'shell-'));
const appFrame = { url: APP_ENTRY_URL, parent: null };

/** Electron's API as the shell uses it, recording what was asked of it. */
function fakeElectron({ lock = true, encryption = true } = {}) {
  const userData = tempDir();
  const appEvents = new EventEmitter();
  const windows: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = [];
  const channels = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const permissions: Record<string, (...args: never[]) => unknown> = {};
  const chosenFolder = { path: '' };
  const electron = {
    app: {
      on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => lock,
      quit: vi.fn(),
      getPath: (name: string) => (name === 'userData' ? userData : path.join(userData, name)),
      getName: () => '助餐收银台',
      getVersion: () => '0.1.0',
      commandLine: { appendSwitch: vi.fn() },
    },
    BrowserWindow: Object.assign(
      function BrowserWindow(this: Record<string, unknown>, options: Record<string, unknown>) {
        const window = { options, loadURL: vi.fn(async () => undefined), once: vi.fn(), show: vi.fn(), webContents: {} };
        windows.push(window);
        return window;
      },
      { getAllWindows: () => windows, fromWebContents: () => null },
    ),
    dialog: {
      showOpenDialog: vi.fn(async () => (chosenFolder.path ? { canceled: false, filePaths: [chosenFolder.path] } : { canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
    },
    ipcMain: { handle: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => channels.set(channel, listener)) },
    Menu: { setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => encryption,
      encryptString: (plain: string) => Buffer.from(`sealed:${plain}`),
      decryptString: (sealed: Buffer) => sealed.toString().slice('sealed:'.length),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: never) => (permissions.request = handler),
        setPermissionCheckHandler: (handler: never) => (permissions.check = handler),
        setDevicePermissionHandler: (handler: never) => (permissions.device = handler),
      },
    },
    crashReporter: { start: vi.fn() },
  };
  return { electron, appEvents, windows, channels, permissions, userData, chosenFolder };
}

async function started(options: Parameters<typeof fakeElectron>[0] = {}) {
  const fake = fakeElectron(options);
  const rendererParent = tempDir();
  const rendererDir = path.join(rendererParent, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<title>till</title>');
  writeFileSync(path.join(rendererParent, 'secret.txt'), 'private');
  const loadUpdater = vi.fn();
  const shell = startShell(fake.electron as unknown as ShellElectron, {
    rendererDir,
    preloadPath: '/app/preload.cjs',
    versions: { electron: '45.5.0' },
    platform: 'linux',
    loadUpdater,
  });
  await shell.ready;
  const contents = { getPrintersAsync: vi.fn(async () => []), print: vi.fn(), printToPDF: vi.fn() };
  const call = (method: string, ...args: unknown[]) => fake.channels.get(bridgeChannel(method as never))!({ senderFrame: appFrame, sender: contents }, ...args);
  return { ...fake, rendererDir, call, loadUpdater };
}

describe('startShell', () => {
  it('registers app:// as a standard, secure scheme', async () => {
    const { electron } = await started();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('runs Chromium in zh-CN, so date pickers read 年/月/日 whatever the language of the PC', async () => {
    const { electron } = await started();
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN');
  });

  it('quits when another till is already running, opening nothing', async () => {
    const { electron, windows, channels } = await started({ lock: false });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(windows).toEqual([]);
    expect(channels.size).toBe(0);
  });

  it('hardens every web contents the app creates', async () => {
    const { appEvents } = await started();
    const events = new EventEmitter();
    let windowOpen: ((details: unknown) => unknown) | undefined;
    appEvents.emit('web-contents-created', {}, { on: (name: string, listener: never) => events.on(name, listener), setWindowOpenHandler: (handler: never) => (windowOpen = handler) });
    const navigation = { preventDefault: vi.fn() };
    events.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(windowOpen?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('refuses every permission on the session', async () => {
    const { permissions } = await started();
    const callback = vi.fn();
    (permissions.request as (...args: unknown[]) => void)({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect((permissions.check as (...args: unknown[]) => boolean)({}, 'geolocation')).toBe(false);
    expect((permissions.device as (...args: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);
  });

  it('takes away the menu (no reload, no developer tools)', async () => {
    const { electron } = await started();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('serves the renderer folder through app:// with its CSP, and nothing beside it', async () => {
    const { electron } = await started();
    expect(electron.protocol.handle).toHaveBeenCalledWith(APP_SCHEME, expect.any(Function));
    const serve = electron.protocol.handle.mock.calls[0]![1] as (request: { method: string; url: string }) => Promise<Response>;
    const page = await serve({ method: 'GET', url: 'app://canteen/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    for (const url of ['app://canteen/..%2fsecret.txt', 'app://canteen/%2e%2e%2fsecret.txt', 'app://canteen/..%5csecret.txt']) {
      const response = await serve({ method: 'GET', url });
      expect(response.status, url).not.toBe(200);
      expect(await response.text()).not.toContain('private');
    }
  });

  it('answers every bridge channel only for the app\'s own frame and only with valid arguments', async () => {
    const { channels, electron, userData } = await started();
    expect([...channels.keys()].sort()).toEqual(bridgeMethods.map(bridgeChannel).sort());
    for (const method of bridgeMethods) {
      const listener = channels.get(bridgeChannel(method))!;
      for (const frame of FOREIGN_FRAMES) await expect(listener({ senderFrame: frame, sender: {} }), method).rejects.toThrow(/拒绝了来自非本应用页面的请求/);
      for (const [index, args] of badArgumentLists(method).entries()) {
        await expect(listener({ senderFrame: appFrame, sender: {} }, ...args), `${method} #${index}`).rejects.toThrow(/参数无效/);
      }
    }
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(readdirSync(userData).filter((name) => name !== 'logs')).toEqual([]);
  });

  it('opens one sandboxed, isolated window on the app\'s own page', async () => {
    const { windows } = await started();
    expect(windows).toHaveLength(1);
    const preferences = windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(preferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, experimentalFeatures: false });
    expect(windows[0]!.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  it('keeps crash dumps on this machine', async () => {
    const { electron } = await started();
    expect(electron.crashReporter.start).toHaveBeenCalledWith(expect.objectContaining({ uploadToServer: false }));
  });

  it('writes into a folder only after the manager picked it in the dialog', async () => {
    const { call, chosenFolder } = await started();
    const folder = tempDir();
    const request = { folder, name: 'canteen-20260302-114500.canteen-backup', bytes: new Uint8Array([1]) };
    expect(await call('writeInFolder', request)).toMatchObject({ ok: false, code: 'denied' });
    expect(await call('listFolder', folder)).toMatchObject({ ok: false, code: 'denied' });
    expect(readdirSync(folder)).toEqual([]);
    chosenFolder.path = folder;
    expect(await call('pickFolder')).toEqual({ ok: true, folder });
    expect(await call('writeInFolder', request)).toEqual({ ok: true });
    expect(readdirSync(folder)).toEqual([request.name]);
  });

  it('refuses to seal a secret when the system key store is unavailable', async () => {
    const { call } = await started({ encryption: false });
    await expect(call('sealSecret', new Uint8Array([1, 2, 3]))).rejects.toThrow('系统密钥库不可用');
    const working = await started();
    const sealed = (await working.call('sealSecret', new Uint8Array([1, 2, 3]))) as Uint8Array;
    expect([...((await working.call('unsealSecret', sealed)) as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it('logs its start in the day\'s file and leaves updates off without update.json', async () => {
    const { userData, call, loadUpdater } = await started();
    const info = (await call('supportInfo')) as { recentLog: string; updateSource: string | null; logFolder: string };
    expect(info.logFolder).toBe(path.join(userData, 'logs'));
    expect(info.recentLog).toContain('收银台启动：版本 0.1.0');
    expect(info.updateSource).toBeNull();
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('copies the logs and crash dumps to the folder the user picks', async () => {
    const { call, chosenFolder, userData } = await started();
    await call('writeLog', { level: 'error', message: '自动备份失败：磁盘已满' });
    mkdirSync(path.join(userData, 'crashDumps', 'completed'), { recursive: true });
    writeFileSync(path.join(userData, 'crashDumps', 'completed', 'a.dmp'), 'dump');
    const usb = tempDir();
    chosenFolder.path = usb;
    const copied = (await call('copySupportFiles')) as { ok: true; folder: string };
    expect(copied.ok).toBe(true);
    const logs = readdirSync(copied.folder).filter((name) => name.endsWith('.log'));
    expect(logs).toHaveLength(1);
    expect(readFileSync(path.join(copied.folder, logs[0]!), 'utf8')).toContain('ERROR [renderer] 自动备份失败：磁盘已满');
    expect(existsSync(path.join(copied.folder, 'crash-dumps', 'completed', 'a.dmp'))).toBe(true);
  });
});

describe('printing through the shell', () => {
  it('says in Chinese that a printer has gone, without asking the driver', async () => {
    const { channels } = await started();
    const contents = { getPrintersAsync: vi.fn(async () => [{ name: 'Office', displayName: 'Office', options: {} }]), print: vi.fn() };
    const print = channels.get(bridgeChannel('print'))!;
    const result = await print({ senderFrame: appFrame, sender: contents }, { paper: 'receipt58', silent: true, deviceName: 'XP-58' });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('找不到打印机“XP-58”') });
    expect(contents.print).not.toHaveBeenCalled();
  });
  it('prints a receipt on a page as long as its content and turns driver errors into Chinese', async () => {
    const { channels } = await started();
    const contents = {
      getPrintersAsync: vi.fn(async () => [{ name: 'XP-58', displayName: 'XP-58', options: {} }]),
      print: vi.fn((_options: unknown, done: (success: boolean, reason: string) => void) => done(false, 'Print job failed')),
    };
    const print = channels.get(bridgeChannel('print'))!;
    const result = await print({ senderFrame: appFrame, sender: contents }, { paper: 'receipt58', silent: true, deviceName: 'XP-58', pageHeightMm: 90 });
    expect(contents.print.mock.calls[0]![0]).toMatchObject({ deviceName: 'XP-58', pageSize: { width: 58_000, height: 98_000 } });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^打印失败：打印机没有响应/) });
  });
});
