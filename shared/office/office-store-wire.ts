// The office's store as the 街道 page asks the shell for it (街道 mode, 设置 → 街道数据存放): where it is kept
// (本机 IndexedDB, or a PostgreSQL server the shell connects to and holds the password of), and the calls the
// page makes on a PostgreSQL store. Every value is plain JSON: it travels over Electron's IPC and, in the
// browser build, over HTTP to the preview server's web shell. Files travel as base64.
import { z } from 'zod';
import type { MonthSummary, Decision } from './approval';
import type { PackageReview } from './review';
import type { IssuedPolicy } from '../policy/issued-policy';

// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const plain = (max: number) => z.string().max(max).refine((text) => !/[\u0000-\u001f\u007f]/.test(text), '不能包含控制字符');
const name = plain(60).refine((text) => text.trim().length > 0, '不能为空');

export const OFFICE_TLS_MODES = ['prefer', 'require', 'disable'] as const;
export const OFFICE_TLS_LABELS: Record<(typeof OFFICE_TLS_MODES)[number], string> = {
  prefer: '服务器支持时加密（推荐）',
  require: '必须加密',
  disable: '不加密（仅限本机或内网测试）',
};

export const OfficeServerSchema = z.strictObject({
  host: plain(253).refine((host) => /^[A-Za-z0-9.:[\]_-]+$/.test(host), '服务器地址只能是主机名或 IP 地址'),
  port: z.number().int().min(1).max(65_535),
  database: plain(63).refine((text) => text.trim().length > 0, '请填写数据库名'),
  user: plain(63).refine((text) => text.trim().length > 0, '请填写用户名'),
  tls: z.enum(OFFICE_TLS_MODES),
});
export type OfficeServer = z.infer<typeof OfficeServerSchema>;

/** What 设置 sends: 本机, or a server with its password (which the shell keeps and never gives back). */
export const OfficeStoreConfigSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('local') }),
  z.strictObject({ mode: z.literal('postgres'), server: OfficeServerSchema, password: plain(200), by: name }),
]);
export type OfficeStoreConfig = z.infer<typeof OfficeStoreConfigSchema>;

/** What the page may know of the store: never the password. */
export type OfficeStoreStatus =
  | { mode: 'local' }
  | { mode: 'postgres'; server: OfficeServer; connected: boolean; problem?: string; configuredBy?: string; configuredAt?: string };
export type OfficeStoreConfigResult = { ok: true; status: OfficeStoreStatus } | { ok: false; message: string };

const id64 = z.string().regex(/^[0-9a-f]{64}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const note = plain(500);
const base64 = z.string().max(700 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容无效');

/** One call on a PostgreSQL store; `by`: the office person signed in, or the one who confirmed with a PIN. */
export const OfficeStoreRequestSchema = z.discriminatedUnion('op', [
  // What changed is told by a token: the page reads again only when it differs from the last one.
  z.strictObject({ op: z.literal('version') }),
  z.strictObject({ op: z.literal('canteens') }),
  z.strictObject({ op: z.literal('registerCanteen'), input: z.strictObject({ code: plain(40), name: plain(80), key: plain(200), fingerprint: plain(200) }), by: name }),
  // One file a call: the page shows the progress file by file and never sends a thousand files at once.
  z.strictObject({ op: z.literal('importPackage'), file: z.strictObject({ name: plain(255).refine((text) => text.length > 0), bytesBase64: base64 }), by: name }),
  z.strictObject({ op: z.literal('months') }),
  z.strictObject({ op: z.literal('monthOverview'), month }),
  z.strictObject({
    op: z.literal('decide'),
    packageId: id64,
    mealId: plain(120),
    verdict: z.enum(['approve', 'reject']),
    note,
    by: name,
    approvedFen: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ op: z.literal('acceptRevision'), packageId: id64, note, by: name }),
  z.strictObject({ op: z.literal('issuedPolicies') }),
  z.strictObject({ op: z.literal('issuePolicy'), text: z.string().max(4 * 1024 * 1024), source: z.enum(['file', 'editor']), fileName: plain(255).optional(), by: name }),
  z.strictObject({ op: z.literal('rosterCount') }),
  // The roster's rows are checked by the shared roster schema in the shell.
  z.strictObject({ op: z.literal('replaceRoster'), people: z.array(z.unknown()).max(2_000_000), by: name }),
  // The page's IndexedDB store as one snapshot (shared/office/office-snapshot.ts), checked in the shell.
  z.strictObject({ op: z.literal('move'), snapshot: z.unknown(), by: name }),
]);
export type OfficeStoreRequest = z.infer<typeof OfficeStoreRequestSchema>;

/** An imported file as the page shows it: the claim's header, never its lines. */
export type ImportedFile =
  | { fileName: string; ok: true; canteenName: string; month: string; revision: number; meals: number; netClaimFen: number }
  | { fileName: string; ok: false; message: string; alreadyHeld?: boolean };

export type RegisteredCanteenView = { code: string; name: string; publicKey: string; fingerprint: string; registeredAt: string; pinnedAt?: string; registeredBy?: string };
export type IssuedPolicyView = IssuedPolicy & { source?: 'file' | 'editor'; fileName?: string; by?: string };
export type MonthOverviewWire = { reviews: PackageReview[]; decisions: Decision[]; summary: MonthSummary };
export type MoveReportWire = { canteens: number; policies: number; packages: number; decisions: number; roster: number; refused: string[] };

/** What each call answers with. */
export type OfficeStoreAnswers = {
  version: string;
  canteens: RegisteredCanteenView[];
  registerCanteen: RegisteredCanteenView;
  importPackage: ImportedFile;
  months: string[];
  monthOverview: MonthOverviewWire;
  decide: null;
  acceptRevision: null;
  issuedPolicies: IssuedPolicyView[];
  issuePolicy: { record: IssuedPolicyView; alreadyIssued: boolean };
  rosterCount: number;
  replaceRoster: null;
  move: MoveReportWire;
};

/** Failures come back as values with a Chinese message the page shows as it is. */
export type OfficeStoreResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string };
