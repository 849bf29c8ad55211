// The one contract between the renderer and the desktop shell.
// The preload implements it over IPC (one channel per method); the browser build implements it
// with downloads, window.print and WebCrypto. Main-process handlers validate every argument with
// the schemas below, so a compromised renderer cannot pass anything the schemas do not allow.
import { z } from 'zod';
import type { BridgeMethod } from './bridge-channels';
import type { PublicKeyInfo } from './claims/claim-schema';
import {
  MasterPullRequestSchema,
  MasterPushSchema,
  PullRequestSchema,
  PushRequestSchema,
  SyncConfigSchema,
  type MasterPullRequest,
  type MasterPullResult,
  type MasterPush,
  type MasterPushResult,
  type PullRequest,
  type PullResult,
  type PushRequest,
  type PushResult,
  type SyncConfig,
  type SyncConfigResult,
} from './sync/wire';
import { OfficeStoreConfigSchema, OfficeStoreRequestSchema, type OfficeStoreConfig, type OfficeStoreConfigResult, type OfficeStoreRequest, type OfficeStoreResult, type OfficeStoreStatus } from './office/office-store-wire';

export { BRIDGE_GLOBAL, bridgeChannel, type BridgeMethod } from './bridge-channels';

// Every argument a renderer sends is bounded and shaped: a compromised page can ask only for what
// the till itself asks for. Names are plain file names (never paths), folders are absolute paths
// the shell then checks against the one the manager picked.
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const fileName = z
  .string()
  .min(1)
  .max(120)
  .refine((name) => !/[\\/:*?"<>|]/.test(name) && !CONTROL_CHARS.test(name), '文件名不能包含路径分隔符或特殊字符')
  .refine((name) => !name.includes('..') && name.trim() === name && !name.endsWith('.'), '文件名不能包含“..”或以点、空格结尾');

const fileFilter = z.strictObject({
  name: z.string().min(1).max(60).refine((name) => !CONTROL_CHARS.test(name), '筛选名称无效'),
  extensions: z.array(z.string().regex(/^[a-z0-9-]{1,20}$/i, '扩展名无效')).min(1).max(10),
});

const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const bytes = z.instanceof(Uint8Array).refine((value) => value.byteLength <= MAX_FILE_BYTES, '文件太大');
/** An absolute folder path (POSIX, drive letter or network share), no `..` segment, no control characters. */
const folderPath = z
  .string()
  .min(1)
  .max(500)
  .refine((folder) => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\/])/.test(folder), '文件夹必须是完整路径')
  .refine((folder) => !/(^|[\\/])\.\.?([\\/]|$)/.test(folder) && !CONTROL_CHARS.test(folder), '文件夹路径无效');
const printerName = z.string().min(1).max(120).refine((name) => !CONTROL_CHARS.test(name), '打印机名称无效');

export const paperKinds = ['receipt58', 'receipt80', 'a4'] as const;
export type PaperKind = (typeof paperKinds)[number];

export const saveFileRequest = z.strictObject({
  suggestedName: fileName,
  bytes,
  filters: z.array(fileFilter).max(5).default([]),
});
export const openFilesRequest = z.strictObject({
  filters: z.array(fileFilter).max(5).default([]),
  multiple: z.boolean().default(false),
});
export const folderFileRequest = z.strictObject({ folder: folderPath, name: fileName });
export const writeInFolderRequest = folderFileRequest.extend({ bytes });
export const printRequest = z.strictObject({
  paper: z.enum(paperKinds),
  /** Desktop only: print without a dialog to the named printer (receipts at the counter). */
  silent: z.boolean().default(false),
  deviceName: printerName.optional(),
  /** Receipts: the printed content's height, so the page ends where the receipt does (no blank paper fed). */
  pageHeightMm: z.number().int().min(20).max(3000).optional(),
});
export const pdfRequest = z.strictObject({
  paper: z.enum(paperKinds),
  landscape: z.boolean().default(false),
});
export const logLevels = ['info', 'warn', 'error'] as const;
export const logEntry = z.strictObject({
  level: z.enum(logLevels),
  message: z.string().min(1).max(2000),
});

/** One journal line: a chained record as JSON, without its newline (shared/ledger/journal.ts). */
export const journalLineArg = z
  .string()
  .min(2)
  .max(4_000_000)
  .refine((line) => line.startsWith('{') && line.endsWith('}') && !line.includes('\n'), '日志行应为一行 JSON 对象');
export const journalReadRequest = z.strictObject({ offset: z.number().int().min(0), length: z.number().int().min(1).max(16 * 1024 * 1024) });
/** The till's master data (people, residents, menu, policies, settings) as one JSON object: renderer/db/master-copy.ts. */
export const masterCopyArg = z
  .string()
  .min(2)
  .max(256 * 1024 * 1024)
  .refine((text) => text.startsWith('{') && text.endsWith('}'), '基础资料副本应为一个 JSON 对象');
export const chainHeadArg = z.strictObject({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) });

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
  signingKey: z.tuple([]),
  createSigningKey: z.tuple([z.strictObject({ replace: z.boolean() })]),
  signClaimManifest: z.tuple([bytes.refine((value) => value.length <= 64 * 1024, '申报清单过大')]),
  // The office's place (街道): its own key, which signs the policy files it issues and nothing else.
  officeKey: z.tuple([]),
  createOfficeKey: z.tuple([]),
  signPolicyIssue: z.tuple([bytes.refine((value) => value.length <= 1024 * 1024, '政策文件过大')]),
  journalAppend: z.tuple([journalLineArg]),
  journalFlush: z.tuple([]),
  journalTakeBack: z.tuple([z.strictObject({ line: journalLineArg, revoke: journalLineArg })]),
  journalRead: z.tuple([journalReadRequest]),
  journalState: z.tuple([]),
  journalMark: z.tuple([chainHeadArg]),
  masterCopySave: z.tuple([masterCopyArg]),
  masterCopyRead: z.tuple([]),
  storageSpace: z.tuple([]),
  // Support (issue 14): the day's log, what 设置 → 关于 shows, and copying it all to a USB stick.
  writeLog: z.tuple([logEntry]),
  supportInfo: z.tuple([]),
  copySupportFiles: z.tuple([]),
  syncConfigure: z.tuple([SyncConfigSchema]),
  syncPush: z.tuple([PushRequestSchema]),
  syncPull: z.tuple([PullRequestSchema]),
  syncPushMaster: z.tuple([MasterPushSchema]),
  syncPullMaster: z.tuple([MasterPullRequestSchema]),
  // 街道 mode, the office's store on a PostgreSQL server (shared/office/office-store-wire.ts).
  officeStoreStatus: z.tuple([]),
  officeStoreConfigure: z.tuple([OfficeStoreConfigSchema]),
  officeStoreCall: z.tuple([OfficeStoreRequestSchema]),
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
/**
 * How the canteen's private signing key is kept: `keystore` by the operating system's key store, `weak` by
 * Electron's `basic_text` fallback on a Linux without a keyring (readable by anyone who can read the disk),
 * `browser` as a non-extractable WebCrypto key, `unavailable` where nothing can keep it.
 */
export type KeyProtection = 'keystore' | 'weak' | 'browser' | 'unavailable';
/** Public facts only: no call on the bridge ever returns private key material. */
export type SigningKeyState = { publicKey: PublicKeyInfo | null; createdAt: string | null; protection: KeyProtection; usable: boolean };
export type SigningKeyResult = { ok: true; publicKey: PublicKeyInfo; createdAt: string; created: boolean } | { ok: false; message: string };
export type SignatureResult = { ok: true; signature: Uint8Array } | { ok: false; message: string };
export type JournalState = { size: number; marker: { seq: number; hash: string } | null };
/** Free space where the books live; null where the shell cannot tell. */
export type StorageSpace = { freeBytes: number | null };
export type LogEntry = z.input<typeof logEntry>;
export type SupportInfo = {
  /** Where the daily logs and crash dumps are kept; null in the browser. */
  logFolder: string | null;
  crashFolder: string | null;
  /** The last lines of the recent logs, newest last. */
  recentLog: string;
  /** Where updates come from, or null when automatic updates are off (the default). */
  updateSource: string | null;
  versions: Record<string, string>;
};

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
  /** The canteen's signing key as the shell keeps it: its public key and how well it is protected. */
  signingKey(): Promise<SigningKeyState>;
  /** Makes the key pair if there is none (or a new one, `replace`); the private key never leaves the shell. */
  createSigningKey(request: { replace: boolean }): Promise<SigningKeyResult>;
  /** Signs a claim manifest, after checking it is one naming this key (shared/claims/manifest-to-sign.ts). */
  signClaimManifest(manifest: Uint8Array): Promise<SignatureResult>;
  /** The office's own key (街道 mode), kept by the shell like the canteen's: its public key and protection. */
  officeKey(): Promise<SigningKeyState>;
  /** Makes the office's key pair if there is none; the private key never leaves the shell. */
  createOfficeKey(): Promise<SigningKeyResult>;
  /** Signs a policy file the office issues, after checking it is one naming the office's key (shared/policy/issued-policy.ts). */
  signPolicyIssue(unsigned: Uint8Array): Promise<SignatureResult>;
  /**
   * The ledger's journal, a second copy of every chained record outside IndexedDB (a file in the app's data
   * folder on the desktop, the origin-private file system in a browser): appends one line and resolves once
   * it is written. Rejects when it cannot be written (a full disk), which aborts the sale.
   */
  journalAppend(line: string): Promise<void>;
  /** Resolves once every line appended before it is flushed to disk; a sale is confirmed only after that. */
  journalFlush(): Promise<void>;
  /**
   * Takes back `line`, whose record the database refused after it was appended: cut off while it is still the
   * journal's last line (which frees space where a full disk has none for anything more), else followed by
   * `revoke`. Flushed to disk either way.
   */
  journalTakeBack(request: { line: string; revoke: string }): Promise<void>;
  journalRead(request: z.input<typeof journalReadRequest>): Promise<Uint8Array>;
  /** The journal's size and the head marker: the chain head last confirmed on screen, kept outside IndexedDB. */
  journalState(): Promise<JournalState>;
  journalMark(head: z.input<typeof chainHeadArg>): Promise<void>;
  /**
   * The master data's copy beside the journal, so a database the browser threw away loses no person, elder,
   * dish or policy: replaced whole or not at all. Rejects when it cannot be written.
   */
  masterCopySave(text: string): Promise<void>;
  /** The last copy saved whole, or null when there is none. */
  masterCopyRead(): Promise<string | null>;
  storageSpace(): Promise<StorageSpace>;
  /** One line in the day's log file (the shell strips ID numbers and PINs). */
  writeLog(entry: LogEntry): Promise<void>;
  supportInfo(): Promise<SupportInfo>;
  /** Copies the logs and crash dumps into a folder the user picks (a USB stick); the browser downloads the log. */
  copySupportFiles(): Promise<FileResult<{ folder?: string }>>;
  /** 多台收银 (shared/sync/wire.ts): the shell holds the hub connection; the till never waits on it to sell. */
  syncConfigure(config: SyncConfig): Promise<SyncConfigResult>;
  /** Hands the hub this till's chained records it lacks. */
  syncPush(request: PushRequest): Promise<PushResult>;
  /** Takes the other tills' records after this till's cursors. */
  syncPull(request: PullRequest): Promise<PullResult>;
  /** Hands the hub this till's changes to the shared master data (residents, menu, policies, people, the canteen). */
  syncPushMaster(push: MasterPush): Promise<MasterPushResult>;
  /** Takes the master records changed on the hub after this till's master cursor, in hub order. */
  syncPullMaster(request: MasterPullRequest): Promise<MasterPullResult>;
  /** 街道 mode: where the office's store is kept (本机, or a PostgreSQL server: never its password). */
  officeStoreStatus(): Promise<OfficeStoreStatus>;
  /** Chooses the store; a server is checked and migrated first, and a refused one changes nothing. */
  officeStoreConfigure(config: OfficeStoreConfig): Promise<OfficeStoreConfigResult>;
  /** One call of the 街道 page on the PostgreSQL store, answered by postgres/office-store.ts in the shell. */
  officeStoreCall(request: OfficeStoreRequest): Promise<OfficeStoreResult>;
}

// Keeps the schema map and the interface in step: adding a method to one without the other fails to compile.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
export const bridgeContractInStep: SameKeys<typeof bridgeArgs, Bridge> = true;
