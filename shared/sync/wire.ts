// What travels between a till and the canteen's hub (PostgreSQL), as zod schemas: the till's shell
// validates every message with these before it touches the hub, and the till validates what it pulls.
// Chained records travel whole and unchanged, so each till's hash chain still verifies on its own.
import { z } from 'zod';
import { IdentifierSchema } from '../atoms';
import { DayClosingRecordSchema, MealRecordSchema, MonthClosingRecordSchema, VoidRecordSchema } from '../ledger/records';

export const CHAIN_KINDS = ['meal', 'void', 'dayClosing', 'monthClosing'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/** One record of a till's chain, with the table it came from. */
export const ChainEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('meal'), record: MealRecordSchema }),
  z.strictObject({ kind: z.literal('void'), record: VoidRecordSchema }),
  z.strictObject({ kind: z.literal('dayClosing'), record: DayClosingRecordSchema }),
  z.strictObject({ kind: z.literal('monthClosing'), record: MonthClosingRecordSchema }),
]);
export type ChainEntry = z.infer<typeof ChainEntrySchema>;

/** A chain entry as the hub hands it to the other tills: whose chain it belongs to. */
export const HubEntrySchema = z.strictObject({ tillId: IdentifierSchema, entry: ChainEntrySchema });
export type HubEntry = z.infer<typeof HubEntrySchema>;

export const MAX_PUSH = 2000;
export const MAX_PULL = 2000;

/** The till's records the hub lacks, in seq order, starting right after what the hub said it has. */
export const PushRequestSchema = z.strictObject({
  tillId: IdentifierSchema,
  entries: z.array(ChainEntrySchema).max(MAX_PUSH),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/**
 * `hubSeq`: how far the hub holds this till's chain after the push. `gap`: the entries did not start
 * at hubSeq + 1 (send again from there). `conflict`: a record with that place in the chain but another
 * hash is already on the hub (a till restored from an old backup carried on under the same id).
 * `broken`: a record does not link to the one before it, or its hash does not match its content.
 */
export type PushResult =
  | { ok: true; hubSeq: number; added: number }
  | { ok: false; code: 'gap' | 'conflict' | 'broken'; hubSeq: number; message: string }
  | { ok: false; code: 'offline' | 'not_configured'; message: string };

/** Per other till, the last seq this till holds of it (its cursor). */
export const CursorsSchema = z.record(IdentifierSchema, z.number().int().min(0));
export type Cursors = z.infer<typeof CursorsSchema>;

export const PullRequestSchema = z.strictObject({
  tillId: IdentifierSchema,
  cursors: CursorsSchema,
  limit: z.number().int().min(1).max(MAX_PULL).default(MAX_PULL),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

export type PullResult =
  | { ok: true; entries: HubEntry[]; more: boolean }
  | { ok: false; code: 'offline' | 'not_configured'; message: string };

export const SYNC_MODES = ['single', 'host', 'connect'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];
export const SYNC_MODE_LABELS: Record<SyncMode, string> = { single: '单机', host: '本机作主机', connect: '连接主机' };

/**
 * 设置 → 多台收银. `address`: host[:port] of the hub, or a full postgres:// address of any PostgreSQL
 * 14+ server; `pairingCode`: what the host shows (the hub's password).
 */
export const SyncConfigSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('single') }),
  z.strictObject({ mode: z.literal('host'), lan: z.boolean().default(false) }),
  z.strictObject({ mode: z.literal('connect'), address: z.string().trim().min(1).max(500), pairingCode: z.string().trim().max(100).default('') }),
]);
export type SyncConfig = z.input<typeof SyncConfigSchema>;

export type SyncConfigResult = { ok: true; host?: { address: string; pairingCode: string } } | { ok: false; message: string };

export const MASTER_KINDS = ['resident', 'menuItem', 'policy', 'cashier', 'setting'] as const;
export type MasterKind = (typeof MASTER_KINDS)[number];

/**
 * A change to shared master data. `baseVersion`: the hub version the till changed (null for a new record).
 * The hub's order decides: every accepted change gets the next version, the latest one is what every
 * till takes, and each change stays in the hub's audit log.
 */
export const MasterChangeSchema = z.strictObject({
  kind: z.enum(MASTER_KINDS),
  id: z.string().min(1).max(200),
  record: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().min(1).nullable(),
});
export type MasterChange = z.infer<typeof MasterChangeSchema>;
export const MasterPushSchema = z.strictObject({ tillId: IdentifierSchema, changes: z.array(MasterChangeSchema).max(MAX_PUSH) });
export type MasterPush = z.infer<typeof MasterPushSchema>;
/** `overrode`: the change was made on an older version than the hub's latest (it still wins, being later). */
export type MasterPushed = { kind: MasterKind; id: string; version: number; overrode: number | null };
export const MasterRecordSchema = z.strictObject({ kind: z.enum(MASTER_KINDS), id: z.string().min(1).max(200), version: z.number().int().min(1), record: z.record(z.string(), z.unknown()) });
export type MasterRecord = z.infer<typeof MasterRecordSchema>;

/** Every master record changed on the hub after version `after` (the till's master cursor). */
export const MasterPullRequestSchema = z.strictObject({ tillId: IdentifierSchema, after: z.number().int().min(0) });
export type MasterPullRequest = z.infer<typeof MasterPullRequestSchema>;

type Unreachable = { ok: false; code: 'offline' | 'not_configured'; message: string };
export type MasterPushResult = { ok: true; pushed: MasterPushed[] } | Unreachable;
export type MasterPullResult = { ok: true; records: MasterRecord[]; more: boolean } | Unreachable;
