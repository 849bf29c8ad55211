import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bridgeChannel, bridgeMethods, type SignatureResult, type SigningKeyResult } from '../shared/bridge';
import { buildClaim } from '../shared/claims/build-claim';
import { readClaimPackage, writeClaimPackage } from '../shared/claims/claim-package';
import { fromBase64, toBase64 } from '../shared/claims/signing';
import { aHeader, aMeal, books, WANG, zengcheng } from '../shared/claims/test-fixtures';
import { readPolicyFile, signPolicy } from '../shared/policy/issued-policy';
import { badArgumentLists, FOREIGN_FRAMES } from './ipc-test-cases';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, secureWebPreferences } from './security';
import { startShell, type ShellElectron } from './shell';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'shell-'));
const appFrame = { url: APP_ENTRY_URL, parent: null };

/** Electron's API as the shell uses it, recording what was asked of it. */
function fakeElectron({ lock = true, encryption = true, backend = 'gnome_libsecret' } = {}) {
  const userData = tempDir();
  const appEvents = new EventEmitter();
  const windows: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = [];
  const channels = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const permissions: Record<string, (...args: never[]) => unknown> = {};
  const chosenFolder = { path: '' };
  // Everything the key store was asked to seal: the private key, which must never come back over the bridge.
  const sealedSecrets: string[] = [];
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
      encryptString: (plain: string) => {
        sealedSecrets.push(plain);
        return Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0xa5));
      },
      decryptString: (sealed: Buffer) => Buffer.from(sealed.map((byte) => byte ^ 0xa5)).toString('utf8'),
      getSelectedStorageBackend: () => backend,
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
  return { electron, appEvents, windows, channels, permissions, userData, chosenFolder, sealedSecrets };
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

  it('keeps the signing key in the main process: no bridge call answers with key material', async () => {
    const { call, userData, sealedSecrets } = await started();
    const answers: unknown[] = [await call('signingKey')];
    const made = (await call('createSigningKey', { replace: false })) as SigningKeyResult;
    answers.push(made, await call('signingKey'), await call('createSigningKey', { replace: false }));
    if (!made.ok) throw new Error(made.message);
    expect(made).toMatchObject({ created: true, publicKey: { algorithm: 'Ed25519' } });
    // The sealed key lives in its own file in the data folder, outside the books (and so outside every backup).
    expect(readdirSync(userData)).toContain('signing-key.json');
    const claim = buildClaim(aHeader('2026-10', made.publicKey), books([aMeal(1, '2026-10-08T11:30:00+08:00', WANG)]));
    const written = await writeClaimPackage(claim, async (bytes) => {
      const signed = (await call('signClaimManifest', bytes)) as SignatureResult;
      answers.push(signed);
      if (!signed.ok) throw new Error(signed.message);
      return signed.signature;
    });
    expect((await readClaimPackage(written.bytes)).ok).toBe(true);
    // Anything that is not a claim manifest naming this key is refused, whatever the page sends.
    for (const bytes of [crypto.getRandomValues(new Uint8Array(64)), new TextEncoder().encode('login-challenge-123'), new TextEncoder().encode('{"schema":"x"}')]) {
      const refused = (await call('signClaimManifest', bytes)) as SignatureResult;
      answers.push(refused);
      expect(refused.ok).toBe(false);
    }
    // The office's key (街道 mode) is kept the same way, apart, and signs only a policy file naming it.
    const office = (await call('createOfficeKey')) as SigningKeyResult;
    answers.push(office, await call('officeKey'));
    if (!office.ok) throw new Error(office.message);
    expect(office.publicKey.key).not.toBe(made.publicKey.key);
    const policy = await signPolicy(zengcheng, { name: '荔城街道办事处', publicKey: office.publicKey }, '2026-11-01T09:00:00.000+08:00', async (bytes) => {
      const signed = (await call('signPolicyIssue', bytes)) as SignatureResult;
      answers.push(signed, await call('signClaimManifest', bytes));
      if (!signed.ok) throw new Error(signed.message);
      return signed.signature;
    });
    expect((await readPolicyFile(JSON.stringify(policy))).ok).toBe(true);
    expect(answers.at(-1)).toMatchObject({ ok: false });
    for (const bytes of [new TextEncoder().encode('login-challenge-123'), new TextEncoder().encode('{"format":"canteen-policy-signed/1"}')]) {
      const refused = (await call('signPolicyIssue', bytes)) as SignatureResult;
      answers.push(refused);
      expect(refused.ok).toBe(false);
    }
    expect(readdirSync(userData)).toContain('office-signing-key.json');

    const keyCalls = ['signingKey', 'createSigningKey', 'signClaimManifest', 'officeKey', 'createOfficeKey', 'signPolicyIssue'];
    for (const method of bridgeMethods.filter((name) => !keyCalls.includes(name))) {
      expect(method, 'no other bridge call touches a key').not.toMatch(/key|seal|secret|sign/i);
    }
    expect(sealedSecrets).toHaveLength(2);
    const everything = JSON.stringify(answers, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') + toBase64(value) : value));
    for (const secret of sealedSecrets) {
      const forms = [secret, Buffer.from(fromBase64(secret)).toString('hex'), toBase64(fromBase64(secret).subarray(16))];
      for (const form of forms) expect(everything).not.toContain(form);
      for (const name of ['signing-key.json', 'office-signing-key.json']) expect(readFileSync(path.join(userData, name), 'utf8')).not.toContain(secret);
    }
  });

  it('refuses to make a key when the system key store is unavailable, and says when it is weak', async () => {
    const unavailable = await started({ encryption: false });
    expect(await unavailable.call('createSigningKey', { replace: false })).toEqual({ ok: false, message: '系统密钥库不可用，无法保护签名密钥' });
    expect(await unavailable.call('signingKey')).toMatchObject({ publicKey: null, protection: 'unavailable', usable: false });
    // On Linux without a keyring Electron falls back to basic_text: 设置 says the key is weakly protected.
    const weak = await started({ backend: 'basic_text' });
    expect(await weak.call('signingKey')).toMatchObject({ protection: 'weak' });
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
