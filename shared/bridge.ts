// The one contract between the renderer and the desktop shell.
// The preload implements it over IPC (one channel per method); the browser build implements it
// with downloads, window.print and WebCrypto. Main-process handlers validate every argument with
// the schemas below, so a compromised renderer cannot pass anything the schemas do not allow.
import { z } from 'zod';
import type { BridgeMethod } from './bridge-channels';
import { PullRequestSchema, PushRequestSchema, SyncConfigSchema, type PullRequest, type PullResult, type PushRequest, type PushResult, type SyncConfig, type SyncConfigResult } from './sync/wire';

export { BRIDGE_GLOBAL, bridgeChannel, type BridgeMethod } from './bridge-channels';

const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', '文件名不能包含路径');

const fileFilter = z.object({
  name: z.string().min(1).max(60),
  extensions: z.array(z.string().regex(/^[a-z0-9.]{1,12}$/i)).min(1).max(10),
});

const bytes = z.instanceof(Uint8Array);
const folderPath = z.string().min(1).max(1000);

export const paperKinds = ['receipt58', 'receipt80', 'a4'] as const;
export type PaperKind = (typeof paperKinds)[number];

export const saveFileRequest = z.object({
  suggestedName: fileName,
  bytes,
  filters: z.array(fileFilter).max(5).default([]),
});
export const openFilesRequest = z.object({
  filters: z.array(fileFilter).max(5).default([]),
  multiple: z.boolean().default(false),
});
export const folderFileRequest = z.object({ folder: folderPath, name: fileName });
export const writeInFolderRequest = folderFileRequest.extend({ bytes });
export const printRequest = z.object({
  paper: z.enum(paperKinds),
  /** Desktop only: print without a dialog to the named printer (receipts at the counter). */
  silent: z.boolean().default(false),
  deviceName: z.string().max(200).optional(),
});
export const pdfRequest = z.object({
  paper: z.enum(paperKinds),
  landscape: z.boolean().default(false),
});

/** Argument schemas, one per bridge method; the preload exposes exactly these names. */
export const bridgeArgs = {
  appInfo: z.tuple([]),
  saveFile: z.tuple([saveFileRequest]),
  openFiles: z.tuple([openFilesRequest]),
  pickFolder: z.tuple([]),
  writeInFolder: z.tuple([writeInFolderRequest]),
  listFolder: z.tuple([folderPath]),
  removeFromFolder: z.tuple([folderFileRequest]),
  listPrinters: z.tuple([]),
  print: z.tuple([printRequest]),
  printToPdf: z.tuple([pdfRequest]),
  sealSecret: z.tuple([bytes]),
  unsealSecret: z.tuple([bytes]),
  syncConfigure: z.tuple([SyncConfigSchema]),
  syncPush: z.tuple([PushRequestSchema]),
  syncPull: z.tuple([PullRequestSchema]),
} as const;

export const bridgeMethods = Object.keys(bridgeArgs) as BridgeMethod[];

export type AppInfo = {
  name: string;
  version: string;
  /** 'desktop' inside Electron, 'browser' when the same till runs in a plain browser. */
  shell: 'desktop' | 'browser';
  platform: string;
};
export type FileOk<T = object> = { ok: true } & T;
export type FileFailure = { ok: false; code: 'cancelled' | 'disk_full' | 'denied' | 'not_found' | 'failed'; message: string };
export type FileResult<T = object> = FileOk<T> | FileFailure;
export type PickedFile = { name: string; bytes: Uint8Array };
export type FolderEntry = { name: string; size: number; modifiedAt: string };
export type Printer = { name: string; displayName: string; isDefault: boolean };
export type PrintResult = { ok: true } | { ok: false; message: string };

export type SaveFileRequest = z.input<typeof saveFileRequest>;
export type OpenFilesRequest = z.input<typeof openFilesRequest>;
export type FolderFileRequest = z.input<typeof folderFileRequest>;
export type WriteInFolderRequest = z.input<typeof writeInFolderRequest>;
export type PrintRequest = z.input<typeof printRequest>;
export type PdfRequest = z.input<typeof pdfRequest>;

/** What the renderer may ask of its shell. Every method answers; failures come back as values. */
export interface Bridge {
  appInfo(): Promise<AppInfo>;
  /** Asks where to save (desktop) or downloads (browser). `path` is known on the desktop only. */
  saveFile(request: SaveFileRequest): Promise<FileResult<{ path?: string }>>;
  openFiles(request: OpenFilesRequest): Promise<FileResult<{ files: PickedFile[] }>>;
  /** A folder the manager chose, remembered by the shell so later writes may go there. Null in the browser. */
  pickFolder(): Promise<FileResult<{ folder: string | null }>>;
  writeInFolder(request: WriteInFolderRequest): Promise<FileResult>;
  listFolder(folder: string): Promise<FileResult<{ entries: FolderEntry[] }>>;
  removeFromFolder(request: FolderFileRequest): Promise<FileResult>;
  listPrinters(): Promise<Printer[]>;
  /** Prints what the page shows under `@media print` (the renderer fills its print area first). */
  print(request: PrintRequest): Promise<PrintResult>;
  /** PDF of the print area; null where the shell cannot make one (the browser offers its print dialog). */
  printToPdf(request: PdfRequest): Promise<Uint8Array | null>;
  /** Encrypts a secret with the operating system's key store (desktop) or a non-extractable key (browser). */
  sealSecret(plain: Uint8Array): Promise<Uint8Array>;
  unsealSecret(sealed: Uint8Array): Promise<Uint8Array>;
  /** 多台收银 (shared/sync/wire.ts): the shell holds the hub connection; the till never waits on it to sell. */
  syncConfigure(config: SyncConfig): Promise<SyncConfigResult>;
  /** Hands the hub this till's chained records it lacks. */
  syncPush(request: PushRequest): Promise<PushResult>;
  /** Takes the other tills' records after this till's cursors. */
  syncPull(request: PullRequest): Promise<PullResult>;
}

// Keeps the schema map and the interface in step: adding a method to one without the other fails to compile.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
export const bridgeContractInStep: SameKeys<typeof bridgeArgs, Bridge> = true;
