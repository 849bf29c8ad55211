// 多台收银: the canteen's shared master data (residents, menu, policies, people, the canteen's identity) travels
// through the hub like the chained records, with a version per record in hub order. A change made at this till
// is noted in an outbox as its transaction commits and pushed in the next round; what other tills changed is
// pulled after this till's master cursor and written here unless this till has a change of its own waiting (that
// change is later, so it wins once pushed, and comes back to every till). What a till applies from the hub is
// checked by the same record schemas as any write, and never noted as this till's own change.
import Dexie, { type Transaction } from 'dexie';
import type { Bridge } from '../../shared/bridge';
import { CashierRecordSchema, MenuItemRecordSchema, PolicyRecordSchema, ResidentRecordSchema } from '../../shared/ledger/records';
import { MasterRecordSchema, MAX_PUSH, type MasterChange, type MasterKind, type MasterRecord } from '../../shared/sync/wire';
import type { CanteenDB } from '../db/canteen-db';

type MasterTable = 'residents' | 'menuItems' | 'policies' | 'cashiers' | 'settings';
const TABLE_OF: Record<MasterKind, MasterTable> = { resident: 'residents', menuItem: 'menuItems', policy: 'policies', cashier: 'cashiers', setting: 'settings' };
const SCHEMA_OF = { resident: ResidentRecordSchema, menuItem: MenuItemRecordSchema, policy: PolicyRecordSchema, cashier: CashierRecordSchema } as const;

/** The settings that are the canteen's, not this till's (its printer, its hub, its ledger head stay its own). */
export const SHARED_SETTINGS = new Set(['canteen']);
/** A person's PIN tries and lock are counted at each till: they stay where they happened. */
const TILL_OWN_PERSON_FIELDS = ['failedAttempts', 'lockedUntil', 'lockRemainingMs'] as const;

const OUTBOX = 'master.out.';
const VERSION = 'master.v.';
const CURSOR = 'master.cursor';
const itemKey = (kind: MasterKind, id: string) => `${kind}:${id}`;

export type MasterSyncBridge = Pick<Bridge, 'syncPushMaster' | 'syncPullMaster'>;

/** Transactions that write what the hub sent: their writes are not this till's changes. */
const applying = new WeakSet<Transaction>();

/** The outbox keys each open transaction has changed: written in one go once it commits. */
const changedIn = new WeakMap<Transaction, Set<string>>();
let nudge: () => void = () => {};

function noteChange(db: CanteenDB, kind: MasterKind, id: unknown, transaction: Transaction): void {
  if (applying.has(transaction) || typeof id !== 'string') return;
  if (kind === 'setting' && !SHARED_SETTINGS.has(id)) return;
  let keys = changedIn.get(transaction);
  if (!keys) {
    const noted = (keys = new Set());
    changedIn.set(transaction, noted);
    transaction.on('complete', () => {
      void db.syncState.bulkPut([...noted].map((key) => ({ key, value: true })) as never[]).then(nudge, () => undefined);
    });
  }
  keys.add(`${OUTBOX}${itemKey(kind, id)}`);
}

/** Notes every committed change to shared master data in the outbox; `onChange` nudges the next round. */
export function watchMasterChanges(db: CanteenDB, onChange: () => void = () => {}): void {
  nudge = onChange;
  for (const [kind, table] of Object.entries(TABLE_OF) as [MasterKind, MasterTable][]) {
    if (kind === 'setting') continue;
    db.table(table).hook('creating', (id, _record, transaction) => noteChange(db, kind, id, transaction));
    db.table(table).hook('updating', (_changes, id, _record, transaction) => noteChange(db, kind, id, transaction));
  }
}

/**
 * A shared setting was written (settings are not hooked: a hook there would cost every sale's head update a
 * read). Called by writeSetting inside its transaction.
 */
export function noteSharedSetting(db: CanteenDB, key: string): void {
  const transaction = Dexie.currentTransaction;
  if (transaction) noteChange(db, 'setting', key, transaction);
}

const outboxKeys = async (db: CanteenDB) => (await db.syncState.where('key').startsWith(OUTBOX).primaryKeys()) as string[];
const versionOf = async (db: CanteenDB, kind: MasterKind, id: string) => ((await db.syncState.get(`${VERSION}${itemKey(kind, id)}`)) as { value?: number } | undefined)?.value ?? null;

function outgoing(kind: MasterKind, record: Record<string, unknown>): Record<string, unknown> {
  if (kind !== 'cashier') return record;
  const shared = { ...record };
  for (const field of TILL_OWN_PERSON_FIELDS) delete shared[field];
  return shared;
}

/** Pushes this till's waiting changes; false when the hub could not be reached. */
export async function pushMasterChanges(db: CanteenDB, bridge: MasterSyncBridge, tillId: string): Promise<boolean> {
  for (;;) {
    const keys = (await outboxKeys(db)).slice(0, MAX_PUSH);
    if (!keys.length) return true;
    const changes: MasterChange[] = [];
    for (const key of keys) {
      const [kind, ...rest] = key.slice(OUTBOX.length).split(':') as [MasterKind, ...string[]];
      const id = rest.join(':');
      const record = (await db.table(TABLE_OF[kind]).get(id)) as Record<string, unknown> | undefined;
      if (record) changes.push({ kind, id, record: outgoing(kind, record), baseVersion: await versionOf(db, kind, id) });
    }
    const result = changes.length ? await bridge.syncPushMaster({ tillId, changes }) : { ok: true as const, pushed: [] };
    if (!result.ok) return false;
    await db.transaction('rw', db.syncState, async () => {
      for (const pushed of result.pushed) await db.syncState.put({ key: `${VERSION}${itemKey(pushed.kind, pushed.id)}`, value: pushed.version } as never);
      await db.syncState.bulkDelete(keys);
    });
  }
}

/** The record as this till keeps it: the hub's, with this till's own fields for a person kept as they are here. */
function incoming(kind: MasterKind, record: Record<string, unknown>, local: Record<string, unknown> | undefined): unknown {
  if (kind === 'setting') return record;
  const merged = kind === 'cashier' ? { failedAttempts: 0, ...record, ...Object.fromEntries(TILL_OWN_PERSON_FIELDS.filter((field) => local?.[field] !== undefined).map((field) => [field, local![field]])) } : record;
  const parsed = SCHEMA_OF[kind].safeParse(merged);
  return parsed.success ? parsed.data : undefined;
}

/** This till's record that is the same thing as the hub's under another id: an elder by ID number, a dish or an active person by name. */
async function sameThing(db: CanteenDB, kind: MasterKind, record: Record<string, unknown>): Promise<unknown> {
  if (kind === 'resident' && typeof record.idNumber === 'string') return db.residents.where('idNumber').equals(record.idNumber).first();
  if (kind === 'menuItem') return (await db.menuItems.toArray()).find((item) => item.name === record.name);
  if (kind === 'cashier') return (await db.cashiers.toArray()).find((person) => person.active && person.name === record.name);
  return undefined;
}

/** Pulls and applies what the hub has after this till's master cursor; throws when the hub could not be reached. */
export async function pullMasterChanges(db: CanteenDB, bridge: MasterSyncBridge, tillId: string): Promise<number> {
  let applied = 0;
  for (;;) {
    const after = ((await db.syncState.get(CURSOR)) as { value?: number } | undefined)?.value ?? 0;
    const result = await bridge.syncPullMaster({ tillId, after });
    if (!result.ok) throw new Error(result.message);
    const records = result.records.map((record) => MasterRecordSchema.parse(record));
    if (records.length) applied += await applyPulled(db, records, after);
    if (!result.more || !records.length) return applied;
  }
}

async function applyPulled(db: CanteenDB, records: MasterRecord[], after: number): Promise<number> {
  const tables = [...new Set(Object.values(TABLE_OF))].map((name) => db.table(name));
  return db.transaction('rw', [...tables, db.syncState], async (transaction) => {
    applying.add(transaction as unknown as Transaction);
    const waiting = new Set(await outboxKeys(db));
    let applied = 0;
    for (const { kind, id, version, record } of records) {
      const key = itemKey(kind, id);
      // This till's own change waits to be pushed: it is later than the hub's, and wins there.
      if (waiting.has(`${OUTBOX}${key}`) || (kind === 'setting' && !SHARED_SETTINGS.has(id))) continue;
      const table = db.table(TABLE_OF[kind]);
      // Two tills that each imported the same roster (or set up the same dish, or the same 负责人) before they
      // met hold one thing under two ids: the hub's content is written onto this till's own record.
      const local = ((await table.get(id)) ?? (await sameThing(db, kind, record))) as Record<string, unknown> | undefined;
      if (local && local.id !== id && waiting.has(`${OUTBOX}${itemKey(kind, String(local.id))}`)) continue;
      const value = incoming(kind, local && kind !== 'setting' ? { ...record, id: local.id } : record, local);
      if (value === undefined) continue;
      await table.put(value);
      await db.syncState.put({ key: `${VERSION}${key}`, value: version } as never);
      applied++;
    }
    await db.syncState.put({ key: CURSOR, value: Math.max(after, ...records.map((record) => record.version)) } as never);
    return applied;
  });
}

/** Notes every shared record this till holds that the hub has never had (a till joining a hub with its own data). */
export async function noteUnsyncedMaster(db: CanteenDB): Promise<void> {
  const known = new Set(((await db.syncState.where('key').startsWith(VERSION).primaryKeys()) as string[]).map((key) => key.slice(VERSION.length)));
  const waiting: { key: string; value: true }[] = [];
  for (const [kind, table] of Object.entries(TABLE_OF) as [MasterKind, MasterTable][]) {
    const ids = ((await db.table(table).toCollection().primaryKeys()) as string[]).filter((id) => kind !== 'setting' || SHARED_SETTINGS.has(id));
    for (const id of ids) if (!known.has(itemKey(kind, id))) waiting.push({ key: `${OUTBOX}${itemKey(kind, id)}`, value: true });
  }
  if (waiting.length) await db.syncState.bulkPut(waiting as never[]);
}
