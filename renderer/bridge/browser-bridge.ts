// The bridge in a plain browser: files become downloads and file pickers, printing is the browser's
// dialog, the claim-signing key is a non-extractable WebCrypto key (browser-signing-key.ts), and the ledger's
// journal is a file in the origin-private file system (browser-journal.ts).
import type { Bridge, FileResult, OpenFilesRequest, PickedFile } from '../../shared/bridge';
import { browserJournal } from './browser-journal';
import { browserSupportInfo, downloadBrowserLog, writeBrowserLog } from './browser-log';
import { browserOfficeKey, browserSigningKey, createBrowserOfficeKey, createBrowserSigningKey, signBrowserManifest, signBrowserPolicyIssue } from './browser-signing-key';
import { localShell } from './local-shell';
import { officeStoreCall, officeStoreConfigure, officeStoreStatus } from './office-shell';

const CANCELLED = { ok: false, code: 'cancelled', message: '已取消' } as const;

function download(name: string, bytes: Uint8Array): FileResult<{ path?: string }> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  // Revoked later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true };
}

function pickFiles({ filters = [], multiple = false }: OpenFilesRequest): Promise<FileResult<{ files: PickedFile[] }>> {
  return new Promise((resolve) => {
    const input = Object.assign(document.createElement('input'), { type: 'file', multiple });
    input.accept = filters.flatMap((filter) => filter.extensions.map((extension) => `.${extension}`)).join(',');
    input.addEventListener('cancel', () => resolve(CANCELLED));
    input.addEventListener('change', async () => {
      const files = await Promise.all([...(input.files ?? [])].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      resolve(files.length ? { ok: true, files } : CANCELLED);
    });
    input.click();
  });
}

export const browserBridge: Bridge = {
  appInfo: async () => ({ name: '助餐收银台', version: __APP_VERSION__, shell: 'browser', platform: navigator.platform }),
  saveFile: async ({ suggestedName, bytes }) => download(suggestedName, bytes),
  openFiles: pickFiles,
  pickFolder: async () => ({ ok: true, folder: null }),
  // A browser cannot write into a folder: the file becomes a download instead.
  writeInFolder: async ({ name, bytes }) => download(name, bytes),
  listFolder: async () => ({ ok: true, entries: [] }),
  removeFromFolder: async () => ({ ok: true }),
  listPrinters: async () => [],
  print: async () => {
    window.print();
    return { ok: true };
  },
  printToPdf: async () => null,
  signingKey: browserSigningKey,
  createSigningKey: createBrowserSigningKey,
  signClaimManifest: signBrowserManifest,
  officeKey: browserOfficeKey,
  createOfficeKey: createBrowserOfficeKey,
  signPolicyIssue: signBrowserPolicyIssue,
  ...browserJournal,
  writeLog: writeBrowserLog,
  supportInfo: browserSupportInfo,
  copySupportFiles: async () => downloadBrowserLog(download),
  // The local server that serves the browser till plays the shell's part for sync.
  syncConfigure: (config) => localShell('configure', config),
  syncPush: (request) => localShell('push', request),
  syncPull: (request) => localShell('pull', request),
  syncPushMaster: (push) => localShell('push-master', push),
  syncPullMaster: (request) => localShell('pull-master', request),
  // 街道 mode's PostgreSQL store: the same local server holds the connection and its password.
  officeStoreStatus,
  officeStoreConfigure,
  officeStoreCall,
};
