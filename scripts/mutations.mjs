// Weakens the shell's protections one at a time and runs the tests that should notice. A weakening no
// test notices "survives": the protection is untested. `node scripts/mutations.mjs` runs them all;
// `node scripts/mutations.mjs 3 24` runs only those. Files are restored after each run, even on Ctrl+C.
// Not part of `npm test` (a few minutes); run it after changing electron/ or the bridge's schemas.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const SHELL = 'electron/shell.test.ts';
const IPC = ['electron/ipc.test.ts', SHELL];
const SCHEMAS = ['shared/bridge.test.ts', 'electron/ipc.test.ts'];
const PROTOCOL = ['electron/app-protocol.test.ts', SHELL];
const FILES = ['electron/files.test.ts', SHELL];

/** [what is weakened, file, exact text, replacement, tests that should notice] */
const MUTATIONS = [
  // main.ts, now the wiring in shell.ts
  ['web contents not hardened', 'electron/shell.ts', "app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));", '', [SHELL]],
  ['session not hardened', 'electron/shell.ts', 'hardenSession(session.defaultSession);', '', [SHELL]],
  ['window without sandbox', 'electron/shell.ts', 'webPreferences: secureWebPreferences(preloadPath),', 'webPreferences: { ...secureWebPreferences(preloadPath), sandbox: false },', [SHELL]],
  ['window without context isolation', 'electron/shell.ts', 'webPreferences: secureWebPreferences(preloadPath),', 'webPreferences: { ...secureWebPreferences(preloadPath), contextIsolation: false },', [SHELL]],
  [
    'handlers registered without registerBridgeHandlers',
    'electron/shell.ts',
    'registerBridgeHandlers(\n      ipcMain,',
    '((ipc, handlers) => { for (const [method, handler] of Object.entries(handlers)) ipc.handle(`canteen:${method}`, (event, ...args) => handler(event.sender, ...args)); })(\n      ipcMain,',
    [SHELL],
  ],
  ['no key-store check', 'electron/bridge-handlers.ts', "if (!safeStorage.isEncryptionAvailable()) throw new Error('系统密钥库不可用，无法保护签名密钥');", '', [SHELL]],
  ['default application menu kept', 'electron/shell.ts', 'electron.Menu.setApplicationMenu(null);', '', [SHELL]],
  [
    'protocol served by a plain path.join',
    'electron/shell.ts',
    'protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, options.rendererDir));',
    "protocol.handle(APP_SCHEME, async (request) => new Response(await (await import('node:fs/promises')).readFile(path.join(options.rendererDir, decodeURIComponent(new URL(request.url).pathname)))));",
    [SHELL],
  ],
  [
    'writeInFolder without a grant',
    'electron/bridge-handlers.ts',
    'writeInFolder: (_sender, { folder, name, bytes }) => writeInGrantedFolder(grants, folder, name, bytes),',
    'writeInFolder: (_sender, { folder, name, bytes }) => writeFileAtomic(path.join(folder, name), bytes),',
    [SHELL],
  ],
  // registerBridgeHandlers
  [
    'registerBridgeHandlers registers unguarded handlers',
    'electron/ipc.ts',
    'ipcMain.handle(bridgeChannel(method), guardBridgeHandler(method, handlers[method]));',
    'ipcMain.handle(bridgeChannel(method), (event, ...args) => handlers[method](event.sender, ...args));',
    IPC,
  ],
  ['guard does not check the sender', 'electron/ipc.ts', 'if (!isTrustedSender(event.senderFrame)) throw', 'if (false) throw', IPC],
  ['guard does not parse arguments', 'electron/ipc.ts', 'const parsed = bridgeArgs[method].safeParse(rawArgs);', 'const parsed = { success: true, data: rawArgs };', IPC],
  // zod argument checks
  ['backslash allowed in file names', 'shared/bridge.ts', `!/[\\\\/:*?"<>|]/.test(name)`, `!/[/:*?"<>|]/.test(name)`, SCHEMAS],
  ["'..' allowed in file names", 'shared/bridge.ts', "!name.includes('..') && ", '', SCHEMAS],
  ['folderPath any string', 'shared/bridge.ts', 'const folderPath = z\n  .string()', 'const folderPath = z.string().min(1).max(1000);\nconst _strictFolder = z\n  .string()', SCHEMAS],
  ['suggestedName any string', 'shared/bridge.ts', 'suggestedName: fileName,', 'suggestedName: z.string().min(1).max(1000),', SCHEMAS],
  ['extensions any string', 'shared/bridge.ts', "z.string().regex(/^[a-z0-9-]{1,20}$/i, '扩展名无效')", 'z.string()', SCHEMAS],
  ['paper any string', 'shared/bridge.ts', '  paper: z.enum(paperKinds),\n  /** Desktop only', '  paper: z.string(),\n  /** Desktop only', SCHEMAS],
  ['deviceName unbounded', 'shared/bridge.ts', 'deviceName: printerName.optional(),', 'deviceName: z.string().optional(),', SCHEMAS],
  ['unknown keys stripped instead of refused', 'shared/bridge.ts', 'export const saveFileRequest = z.strictObject({', 'export const saveFileRequest = z.object({', SCHEMAS],
  ['secrets unbounded', 'shared/bridge.ts', "z.instanceof(Uint8Array).refine((value) => value.byteLength >= 1 && value.byteLength <= 4096, '密钥数据长度无效')", 'z.instanceof(Uint8Array)', SCHEMAS],
  // preload
  ['preload lets the page choose the channel', 'electron/preload.ts', "print: (request) => ipcRenderer.invoke(bridgeChannel('print'), request),", "print: (request, channel) => ipcRenderer.invoke(channel ?? bridgeChannel('print'), request),", ['electron/preload.test.ts']],
  // granted folders
  ['listFolder without a grant', 'electron/files.ts', 'if (!grants.isGranted(folder)) return NOT_GRANTED;\n  const root', 'const root', FILES],
  ['removeFromFolder deletes any file in the folder', 'electron/files.ts', 'if (!isBackupFileName(name)) return NOT_OURS;', '', FILES],
  ['grants never withdrawn', 'electron/files.ts', 'this.granted = new Set([path.resolve(folder)]);', 'this.granted.add(path.resolve(folder));', FILES],
  ['grant resolves names with separators', 'electron/files.ts', "name !== path.basename(name) || name === '..' || ", '', FILES],
  // the app protocol
  ['root check without the trailing separator', 'electron/app-protocol.ts', 'return filePath.startsWith(root.endsWith(path.sep) ? root : root + path.sep);', 'return filePath.startsWith(root);', PROTOCOL],
  ['traversal check blind to backslash', 'electron/app-protocol.ts', "pathname.includes('\\0') || pathname.includes('\\\\')", "pathname.includes('\\0')", PROTOCOL],
  ['symlinks followed out of the root', 'electron/app-protocol.ts', 'if (!isInside(realRoot, realFile)) return new Response(null, { status: 403 });', '', PROTOCOL],
  // CSP, headers, web preferences
  ['CSP allows ws: and wss:', 'electron/security.ts', `"connect-src 'self'",`, `"connect-src 'self' ws: wss:",`, ['electron/security.test.ts']],
  ['CSP allows filesystem:', 'electron/security.ts', `"img-src 'self' data: blob:",`, `"img-src 'self' data: blob: filesystem:",`, ['electron/security.test.ts']],
  ['COOP header dropped', 'electron/app-protocol.ts', "'cross-origin-opener-policy': 'same-origin',", '', PROTOCOL],
  ['experimentalFeatures on', 'electron/security.ts', 'experimentalFeatures: false,', 'experimentalFeatures: true,', ['electron/security.test.ts', SHELL]],
  ['an inactive person approving', 'renderer/db/people-repository.ts', 'if (!person?.pin || !person.active)', 'if (!person?.pin)', ['renderer/db/people-inactive.test.ts']],
  // beyond the issue's list
  ['embedded app frame trusted', 'electron/security.ts', 'frame.parent === null && ', '', ['electron/security.test.ts', ...IPC]],
  ['new windows allowed', 'electron/security.ts', "contents.setWindowOpenHandler(() => ({ action: 'deny' }));", "contents.setWindowOpenHandler(() => ({ action: 'allow' }));", ['electron/security.test.ts', SHELL]],
  ['navigation not refused', 'electron/security.ts', "contents.on('will-navigate', refuseUnlessApp);", '', ['electron/security.test.ts', SHELL]],
  ['second instance not refused', 'electron/shell.ts', 'if (!app.requestSingleInstanceLock()) {', 'if (false) {', [SHELL]],
  ['app scheme not secure', 'electron/shell.ts', 'standard: true, secure: true,', 'standard: true, secure: false,', [SHELL]],
  ['crash dumps uploaded', 'electron/shell.ts', 'uploadToServer: false', 'uploadToServer: true', [SHELL]],
  ['ID numbers kept in the log', 'shared/log-redact.ts', ".replace(/[A-Z]{0,2}\\d{14,17}[\\dXx]/g, '[证件号已隐去]')", '', ['shared/log-redact.test.ts', 'electron/support-log.test.ts']],
  ['PINs kept in the log', 'shared/log-redact.ts', `.replace(/(pin|密码|口令)(["'\\s:：=]*)[^\\s,，;；"'}]+/gi, '$1$2[已隐去]')`, '', ['shared/log-redact.test.ts', 'electron/support-log.test.ts']],
  ['log pruning removes other files', 'electron/support-log.ts', 'names.filter((name) => LOG_NAME.test(name))', 'names', ['electron/support-log.test.ts']],
  ['a printer that has gone is sent the job', 'electron/bridge-handlers.ts', 'if (request.deviceName && !(await sender.getPrintersAsync()).some((printer) => printer.name === request.deviceName)) {', 'if (false) {', [SHELL]],
  ['driver errors passed through in English', 'electron/bridge-handlers.ts', 'resolve(describePrintFailure(failureReason, request.deviceName));', 'resolve({ ok: false, message: `打印失败：${failureReason}` });', [SHELL]],
  ['receipt page a fixed length', 'electron/printing.ts', 'const heightMm = request.pageHeightMm ? request.pageHeightMm + RECEIPT_TAIL_MM : RECEIPT_FALLBACK_HEIGHT_MM;', 'const heightMm = RECEIPT_FALLBACK_HEIGHT_MM;', ['electron/printing.test.ts', SHELL]],
  ['updates on by default', 'electron/updates.ts', 'if (text === null) return { source: null };', "if (text === null) return { source: { kind: 'server', url: 'https://updates.example/' } };", ['electron/updates.test.ts']],
  ['update folder served without checks', 'electron/updates.ts', "request.method !== 'GET' || name.includes('/') || name.includes('\\\\') || !isInside(root, file)", "request.method !== 'GET'", ['electron/updates.test.ts']],
  ['failed automatic backup not logged', 'renderer/app/auto-backup.tsx', "await bridge.writeLog({ level: 'error', message: `自动备份失败：${reason}`.slice(0, 2000) }).catch(() => undefined);", '', ['renderer/app/auto-backup.test.ts']],
];

const chosen = process.argv.slice(2).map(Number);
let restore = null;
process.on('SIGINT', () => {
  restore?.();
  process.exit(130);
});

const survived = [];
const stale = [];
for (const [index, [what, file, from, to, tests]] of MUTATIONS.entries()) {
  const id = index + 1;
  if (chosen.length && !chosen.includes(id)) continue;
  const original = readFileSync(file, 'utf8');
  if (original.split(from).length !== 2) {
    stale.push(`${id}. ${what}（${file} 中找不到这段原文，或不止一处）`);
    continue;
  }
  restore = () => writeFileSync(file, original);
  writeFileSync(file, original.replace(from, () => to));
  try {
    const run = spawnSync('node_modules/.bin/vitest', ['run', '--reporter=dot', ...tests], { encoding: 'utf8' });
    // Noticed only when a test failed: a weakening that breaks the file's loading proves nothing.
    // eslint-disable-next-line no-control-regex -- strips the terminal's colour codes
    const failedTests = /Tests\s+(\d+) failed/.exec(run.stdout.replace(/\u001b\[[\d;]*m/g, ''));
    const caught = run.status !== 0 && !!failedTests;
    const broken = run.status !== 0 && !failedTests;
    console.log(`${caught ? '✓ 被发现' : broken ? '? 无法加载' : '✗ 未被发现'}  ${id}. ${what}`);
    if (!caught) survived.push(`${id}. ${what}${broken ? '（改动后测试无法加载，请修正这条削弱）' : ''}`);
  } finally {
    restore();
    restore = null;
  }
}

console.log(`\n${survived.length} 个削弱未被任何测试发现${survived.length ? `：\n  ${survived.join('\n  ')}` : ''}`);
if (stale.length) console.log(`${stale.length} 个削弱已过时（代码已改）：\n  ${stale.join('\n  ')}`);
process.exit(survived.length || stale.length ? 1 : 0);
