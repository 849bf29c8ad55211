// The master data's copy beside the journal. The journal brings back every chained record of a database the
// browser threw away (Chromium does, after a full disk left its store damaged); this copy brings back the rest:
// the people with their PIN hashes (so nobody can make themselves first manager of a till that lost its
// database), the elders, the menu, the policies, the settings, the audit log. It stays on this computer, with
// the shell, like the journal: it is not a backup and never goes into one.
import type { Bridge } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { CanteenDB } from './canteen-db';
import { HEAD_KEY } from './ledger';

type CopyBridge = Pick<Bridge, 'masterCopySave' | 'masterCopyRead' | 'writeLog'>;

/** Everything that is not a chained record (those are in the journal) nor another till's (the hub has those). */
export const COPIED_TABLES = ['settings', 'cashiers', 'residents', 'menuItems', 'policies', 'claimExports', 'careContacts', 'audit'] as const;
type CopiedTable = (typeof COPIED_TABLES)[number];

export const MASTER_COPY_FORMAT = 'canteen-master-copy/1';
type MasterCopy = { format: typeof MASTER_COPY_FORMAT; savedAt: string; tables: Record<CopiedTable, unknown[]> };

/** The ledger's head belongs with the records it names: the journal's rebuild sets it, never this copy. */
const notCopied = (table: CopiedTable, row: unknown) => table === 'settings' && (row as { key?: unknown }).key === HEAD_KEY;

/** Writes the copy, unless the database holds no person: an empty database never replaces the copy of a full one. */
export async function saveMasterCopy(db: CanteenDB, bridge: CopyBridge, nowMs = Date.now()): Promise<boolean> {
  const tables = await db.transaction('r', COPIED_TABLES.map((name) => db.table(name)), async () => {
    const read = {} as Record<CopiedTable, unknown[]>;
    for (const name of COPIED_TABLES) read[name] = (await db.table(name).toArray()).filter((row) => !notCopied(name, row));
    return read;
  });
  if (!tables.cashiers.length) return false;
  const copy: MasterCopy = { format: MASTER_COPY_FORMAT, savedAt: chinaIsoFromEpochMs(nowMs), tables };
  await bridge.masterCopySave(JSON.stringify(copy));
  return true;
}

function parseCopy(text: string | null): MasterCopy | null {
  if (!text) return null;
  try {
    const copy = JSON.parse(text) as Partial<MasterCopy>;
    if (copy.format !== MASTER_COPY_FORMAT || typeof copy.tables !== 'object' || !copy.tables) return null;
    return COPIED_TABLES.every((name) => Array.isArray(copy.tables![name])) ? (copy as MasterCopy) : null;
  } catch {
    return null;
  }
}

/**
 * On a database with nobody in it (first start, or one the browser threw away): brings back the copy, if
 * this computer has one, into the tables it finds empty, and notes it in the audit log. Returns when it was saved.
 */
export async function restoreLostMasterData(db: CanteenDB, bridge: CopyBridge, nowMs = Date.now()): Promise<string | null> {
  if (await db.cashiers.count()) return null;
  const copy = parseCopy(await bridge.masterCopyRead().catch(() => null));
  if (!copy?.tables.cashiers.length) return null;
  const restored = await db.transaction('rw', COPIED_TABLES.map((name) => db.table(name)), async () => {
    if (await db.cashiers.count()) return false;
    for (const name of COPIED_TABLES) {
      const rows = copy.tables[name].filter((row) => !notCopied(name, row));
      if (name === 'settings') {
        // Settings the new database made itself (its till id, say) are kept; the rest come back.
        const present = new Set((await db.settings.toCollection().primaryKeys()) as string[]);
        await db.settings.bulkAdd(rows.filter((row) => !present.has((row as { key: string }).key)) as never[]);
      } else if (!(await db.table(name).count())) {
        await db.table(name).bulkAdd(rows);
      }
    }
    await db.audit.add({ at: chinaIsoFromEpochMs(nowMs), actorId: 'system', action: 'master_copy_restored', details: { savedAt: copy.savedAt, people: copy.tables.cashiers.length, residents: copy.tables.residents.length } });
    return true;
  });
  if (restored) await bridge.writeLog({ level: 'warn', message: `数据库为空，已从本机副本恢复人员、居民、菜单、政策和设置（副本保存于 ${copy.savedAt}）` }).catch(() => undefined);
  return restored ? copy.savedAt : null;
}

const SAVE_DELAY_MS = 1500;

/**
 * Keeps the copy current: a change to a copied table saves it again a moment later (one save for a burst of
 * changes). A failed save (a full disk) is logged once and tried again at the next change.
 */
export function keepMasterCopy(db: CanteenDB, bridge: CopyBridge, delayMs = SAVE_DELAY_MS): { flush(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  let failed = false;
  const save = () => {
    timer = undefined;
    saving = saving
      .then(() => saveMasterCopy(db, bridge))
      .then(
        () => void (failed = false),
        (error: unknown) => {
          if (!failed) void bridge.writeLog({ level: 'error', message: `基础资料副本保存失败：${error instanceof Error ? error.message : String(error)}` }).catch(() => undefined);
          failed = true;
        },
      );
    return saving;
  };
  const changed = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  // Not on `settings`: a hook there would make every sale's head update read the old value first (Dexie reads
  // before a hooked put), in the counter's commit. Settings are written with an audit entry (writeSetting),
  // whose hook saves the copy.
  for (const name of COPIED_TABLES.filter((table) => table !== 'settings')) {
    const table = db.table(name);
    table.hook('creating', changed);
    table.hook('updating', changed);
    table.hook('deleting', changed);
  }
  return {
    flush: () => {
      if (timer === undefined) return saving;
      clearTimeout(timer);
      return save();
    },
  };
}
