// The till's half of sync: in the background, hands the shell this till's chained records the hub lacks
// and stores the other tills' records it pulls. Nothing here is on the sale's path: a sale is written to
// the till's own books first and only nudges the next round.
import type { Bridge } from '../../shared/bridge';
import type { Chained } from '../../shared/ledger/chain';
import { contiguousFrom } from '../../shared/sync/protocol';
import { HubEntrySchema, MAX_PUSH, type ChainEntry, type ChainKind, type SyncConfig } from '../../shared/sync/wire';
import { CHAINED_TABLES, type CanteenDB, type ChainedTable } from '../db/canteen-db';
import { hubCursors, storePulled } from './hub-rows';
import { noteUnsyncedMaster, pullMasterChanges, pushMasterChanges } from './master-sync';

const KIND_OF: Record<ChainedTable, ChainKind> = { meals: 'meal', voids: 'void', dayClosings: 'dayClosing', monthClosings: 'monthClosing' };

export type SyncStatus = {
  mode: SyncConfig['mode'];
  /** null until the first round has answered. */
  online: boolean | null;
  /** This till's records the hub does not hold yet. */
  unsent: number;
  /** A refusal that retrying will not cure (a forked chain); shown in 设置 → 多台收银. */
  problem: string | null;
  /** 本机作主机: where the other tills connect, and the pairing code they need. */
  host: { address: string; pairingCode: string } | null;
};

async function pushedSeq(db: CanteenDB): Promise<number> {
  const row = await db.syncState.get('pushed');
  return row?.key === 'pushed' ? row.value : 0;
}

/** This till's chained records after `after`, in seq order, as many as run without a gap. */
export async function unsentEntries(db: CanteenDB, after: number, limit = MAX_PUSH): Promise<ChainEntry[]> {
  const pages = await Promise.all(
    CHAINED_TABLES.map(async (table) => ((await db[table].where('seq').above(after).limit(limit).toArray()) as (Chained & { id: string })[]).map((record) => ({ kind: KIND_OF[table], record }) as ChainEntry)),
  );
  return contiguousFrom(after, pages.flat()).slice(0, limit);
}

async function chainLength(db: CanteenDB): Promise<number> {
  const head = (await db.settings.get('ledger.head'))?.value as { seq: number } | undefined;
  return head?.seq ?? 0;
}

export class SyncEngine {
  private status: SyncStatus = { mode: 'single', online: null, unsent: 0, problem: null, host: null };
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private configured = false;
  private stopped = true;
  private config: SyncConfig = { mode: 'single' };

  constructor(
    private readonly db: CanteenDB,
    private readonly bridge: Pick<Bridge, 'syncConfigure' | 'syncPush' | 'syncPull' | 'syncPushMaster' | 'syncPullMaster'>,
    private readonly tillId: () => Promise<string>,
    private readonly intervalMs = 400,
  ) {}

  snapshot = (): SyncStatus => this.status;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private set(patch: Partial<SyncStatus>) {
    // A new snapshot only when something changed: the badge re-renders on news, not on every round.
    if (Object.entries(patch).every(([key, value]) => this.status[key as keyof SyncStatus] === value)) return;
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Starts (or restarts) syncing with the configuration chosen in 设置 → 多台收银. */
  async start(config: SyncConfig): Promise<void> {
    this.stop();
    this.configured = false;
    this.set({ mode: config.mode, online: null, problem: null, host: null });
    if (config.mode === 'single') return;
    this.stopped = false;
    this.config = config;
    this.schedule(0);
  }
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Stops, and waits for a round under way to finish. */
  async settle(): Promise<void> {
    this.stop();
    await this.running;
  }

  /** After a sale: sync now rather than at the next tick. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runRound(), delay);
  }

  private async runRound() {
    if (this.stopped || this.running) return;
    this.running = this.round().finally(() => (this.running = undefined));
    await this.running;
    if (this.stopped) return;
    const now = this.again;
    this.again = false;
    this.schedule(now ? 0 : this.intervalMs);
  }

  /** One round: push everything unsent, then pull everything new. Public for tests. */
  async round(): Promise<void> {
    try {
      if (!this.configured) {
        const configured = await this.bridge.syncConfigure(this.config);
        if (!configured.ok) return this.set({ online: false, problem: configured.message });
        this.configured = true;
        this.set({ host: configured.host ?? null });
        // What this till held before it met the hub goes to the hub too.
        await noteUnsyncedMaster(this.db);
      }
      const tillId = await this.tillId();
      if (!(await this.pushAll(tillId))) return;
      if (!(await pushMasterChanges(this.db, this.bridge, tillId))) return this.set({ online: false });
      await this.pullAll(tillId);
      await pullMasterChanges(this.db, this.bridge, tillId);
      this.set({ online: true });
    } catch (error) {
      // The shell could not be reached at all (the local server stopped): offline, try again next tick.
      this.set({ online: false, problem: null });
      console.warn('sync round failed', error);
    }
  }

  private async pushAll(tillId: string): Promise<boolean> {
    for (;;) {
      const after = await pushedSeq(this.db);
      const entries = await unsentEntries(this.db, after);
      this.set({ unsent: Math.max(0, (await chainLength(this.db)) - after) });
      if (!entries.length) return true;
      const result = await this.bridge.syncPush({ tillId, entries });
      if (!result.ok) {
        if (result.code === 'offline') return this.set({ online: false }), false;
        if (result.code === 'not_configured') return (this.configured = false), false;
        if (result.code === 'gap') {
          // The hub holds less (or more) than this till thought: carry on from the hub's head.
          await this.db.syncState.put({ key: 'pushed', value: result.hubSeq });
          continue;
        }
        return this.set({ online: true, problem: result.message }), false;
      }
      if (result.hubSeq !== after) await this.db.syncState.put({ key: 'pushed', value: result.hubSeq });
      else return true;
    }
  }

  private async pullAll(tillId: string): Promise<void> {
    for (;;) {
      const result = await this.bridge.syncPull({ tillId, cursors: await hubCursors(this.db) });
      if (!result.ok) {
        if (result.code === 'not_configured') this.configured = false;
        throw new Error(result.message);
      }
      // What comes from outside is checked like a backup before it is stored.
      const entries = result.entries.map((entry) => HubEntrySchema.parse(entry));
      if (entries.length) await storePulled(this.db, entries);
      if (!result.more) return;
    }
  }
}
