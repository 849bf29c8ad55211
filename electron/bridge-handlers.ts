// What the main process does for each bridge method. Arguments arrive already checked (ipc.ts); the
// handlers take Electron's objects as parameters so unit tests run them with stand-ins.
import type { OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue, WebContents } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileFailure } from '../shared/bridge';
import { chinaIsoFromEpochMs } from '../shared/china-time';
import type { FolderGrants } from './files';
import { describeFsError, listGrantedFolder, removeFromGrantedFolder, writeFileAtomic, writeInGrantedFolder } from './files';
import type { BridgeHandlers } from './ipc';
import { describePrintFailure, pdfOptions, printerGone, printOptions, toPrinter } from './printing';
import type { SigningKeyStore } from './signing-key-store';
import type { SyncService } from '../postgres/hub/sync-service';
import type { OfficeService } from '../postgres/office-service';
import { storageSpace, type LedgerJournal } from './journal';
import type { DailyLog } from './support-log';

const CANCELLED: FileFailure = { ok: false, code: 'cancelled', message: '已取消' };

type KeyStore = Pick<SigningKeyStore, 'state' | 'create' | 'sign'>;

export type PrintingContents = Pick<WebContents, 'getPrintersAsync' | 'print' | 'printToPDF'>;

export type HandlerDeps<Sender> = {
  app: { getName(): string; getVersion(): string; getPath(name: 'documents'): string };
  /** Dialogs open over the window that asked, so they stay in front of the till. */
  dialogs: {
    open(sender: Sender, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    save(sender: Sender, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  };
  /** The signing keys, sealed by the operating system's key store; the renderer gets public facts and checked signatures only. */
  signingKeys: { claims: KeyStore; office: KeyStore };
  grants: FolderGrants;
  /** The ledger's second copy, apart from Chromium's IndexedDB files, and the folder whose disk it watches. */
  journal: LedgerJournal;
  dataFolder: string;
  /** 多台收银: the hub connection (postgres/hub/sync-service.ts); the till never waits on it to sell. */
  sync: Pick<SyncService, 'configure' | 'push' | 'pull' | 'pushMaster' | 'pullMaster'>;
  /** 街道 mode: the office's PostgreSQL store and its password, held here (postgres/office-service.ts). */
  office: Pick<OfficeService, 'status' | 'configure' | 'call'>;
  log: DailyLog;
  crashFolder: string;
  updateSource: () => string | null;
  versions: Record<string, string>;
  platform: string;
  now?: () => number;
};

export function createBridgeHandlers<Sender extends PrintingContents>(deps: HandlerDeps<Sender>): BridgeHandlers<Sender> {
  const { dialogs, grants, log, signingKeys } = deps;
  const now = deps.now ?? Date.now;

  return {
    appInfo: async () => ({ name: deps.app.getName(), version: deps.app.getVersion(), shell: 'desktop', platform: deps.platform }),
    saveFile: async (sender, { suggestedName, bytes, filters }) => {
      const choice = await dialogs.save(sender, { defaultPath: path.join(deps.app.getPath('documents'), suggestedName), filters });
      if (choice.canceled || !choice.filePath) return CANCELLED;
      const written = await writeFileAtomic(choice.filePath, bytes);
      return written.ok ? { ok: true, path: choice.filePath } : written;
    },
    openFiles: async (sender, { filters, multiple }) => {
      const choice = await dialogs.open(sender, { filters, properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'] });
      if (choice.canceled) return CANCELLED;
      try {
        const files = await Promise.all(choice.filePaths.map(async (filePath) => ({ name: path.basename(filePath), bytes: new Uint8Array(await fs.readFile(filePath)) })));
        return { ok: true, files };
      } catch (error) {
        return describeFsError(error);
      }
    },
    pickFolder: async (sender) => {
      const choice = await dialogs.open(sender, { properties: ['openDirectory', 'createDirectory'] });
      const folder = choice.filePaths[0];
      if (choice.canceled || !folder) return CANCELLED;
      await grants.grant(folder);
      void log.write('info', 'main', `已选择备份文件夹：${folder}`);
      return { ok: true, folder };
    },
    writeInFolder: (_sender, { folder, name, bytes }) => writeInGrantedFolder(grants, folder, name, bytes),
    listFolder: (_sender, folder) => listGrantedFolder(grants, folder),
    removeFromFolder: (_sender, { folder, name }) => removeFromGrantedFolder(grants, folder, name),
    listPrinters: async (sender) => (await sender.getPrintersAsync()).map(toPrinter),
    print: async (sender, request) => {
      // A printer that has gone (unplugged, removed) is named as such rather than left to the driver.
      if (request.deviceName && !(await sender.getPrintersAsync()).some((printer) => printer.name === request.deviceName)) {
        void log.write('warn', 'main', `打印机不在：${request.deviceName}`);
        return printerGone(request.deviceName);
      }
      return new Promise((resolve) =>
        sender.print(printOptions(request), (success, failureReason) => {
          if (success) return resolve({ ok: true });
          void log.write('warn', 'main', `打印失败（${request.deviceName ?? '对话框'}）：${failureReason}`);
          resolve(describePrintFailure(failureReason, request.deviceName));
        }),
      );
    },
    printToPdf: async (sender, request) => new Uint8Array(await sender.printToPDF(pdfOptions(request))),
    signingKey: () => signingKeys.claims.state(),
    createSigningKey: (_sender, request) => signingKeys.claims.create(request),
    signClaimManifest: (_sender, manifest) => signingKeys.claims.sign(manifest),
    officeKey: () => signingKeys.office.state(),
    createOfficeKey: () => signingKeys.office.create({ replace: false }),
    signPolicyIssue: (_sender, unsigned) => signingKeys.office.sign(unsigned),
    journalAppend: (_sender, line) => deps.journal.append(line),
    journalFlush: () => deps.journal.flush(),
    journalTakeBack: (_sender, { line, revoke }) => deps.journal.takeBack(line, revoke),
    journalRead: (_sender, request) => deps.journal.read(request),
    journalState: () => deps.journal.state(),
    journalMark: (_sender, head) => deps.journal.mark(head),
    masterCopySave: (_sender, text) => deps.journal.saveMasterCopy(text),
    masterCopyRead: () => deps.journal.readMasterCopy(),
    storageSpace: () => storageSpace(deps.dataFolder),
    syncConfigure: (_sender, config) => deps.sync.configure(config),
    syncPush: (_sender, request) => deps.sync.push(request),
    syncPull: (_sender, request) => deps.sync.pull(request),
    syncPushMaster: (_sender, push) => deps.sync.pushMaster(push),
    syncPullMaster: (_sender, request) => deps.sync.pullMaster(request),
    officeStoreStatus: () => deps.office.status(),
    officeStoreConfigure: (_sender, config) => deps.office.configure(config),
    officeStoreCall: (_sender, request) => deps.office.call(request),
    writeLog: async (_sender, { level, message }) => log.write(level, 'renderer', message),
    supportInfo: async () => ({
      logFolder: log.folder,
      crashFolder: deps.crashFolder,
      recentLog: await log.recent(),
      updateSource: deps.updateSource(),
      versions: deps.versions,
    }),
    copySupportFiles: async (sender) => {
      const choice = await dialogs.open(sender, { title: '选择U盘或文件夹', properties: ['openDirectory', 'createDirectory'] });
      const chosen = choice.filePaths[0];
      if (choice.canceled || !chosen) return CANCELLED;
      const stamp = chinaIsoFromEpochMs(now()).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      const folder = path.join(chosen, `助餐收银台-日志-${stamp}`);
      try {
        await fs.mkdir(folder, { recursive: true });
        for (const name of await log.files()) await fs.copyFile(path.join(log.folder, name), path.join(folder, name));
        // Crash dumps stay on this machine unless someone copies them like this; there is no upload.
        await fs.cp(deps.crashFolder, path.join(folder, 'crash-dumps'), { recursive: true, dereference: false }).catch((error: { code?: string }) => {
          if (error.code !== 'ENOENT') throw error;
        });
        void log.write('info', 'main', `日志已复制到 ${folder}`);
        return { ok: true, folder };
      } catch (error) {
        return describeFsError(error);
      }
    },
  };
}
