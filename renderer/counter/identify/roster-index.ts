// The counter's in-memory search index over the whole roster: read from IndexedDB once when the counter
// first opens, and rebuilt whenever the residents table changes (Dexie liveQuery), for as long as the app
// runs. A keystroke then searches flat arrays instead of querying the database.
import { liveQuery, type Subscription } from 'dexie';
import { useEffect, useSyncExternalStore } from 'react';
import type { ResidentRecord } from '../../../shared/ledger/records';
import { buildSearchIndex, type SearchIndex } from '../../../shared/search/roster-search';
import type { CanteenDB } from '../../db/canteen-db';

export type RosterState =
  | { status: 'loading' }
  | { status: 'ready'; index: SearchIndex; buildMs: number }
  | { status: 'failed'; message: string };

/** Records read per request: the page stays responsive while 50,000 are read (one request would block it for ~0.3 s). */
const READ_CHUNK = 5000;

async function readRoster(db: CanteenDB): Promise<ResidentRecord[]> {
  const records: ResidentRecord[] = [];
  for (;;) {
    const last = records.at(-1)?.id;
    const chunk = await (last === undefined ? db.residents.orderBy(':id') : db.residents.where(':id').above(last)).limit(READ_CHUNK).toArray();
    for (const record of chunk) records.push(record);
    if (chunk.length < READ_CHUNK) return records;
  }
}

class RosterIndex {
  private state: RosterState = { status: 'loading' };
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | undefined;
  private records: readonly ResidentRecord[] = [];
  /** Initials computed here for residents stored without them (rosters written before initials were). */
  private pinyinInitials: ((name: string) => string) | undefined;
  private pinyinLoading = false;

  constructor(private readonly db: CanteenDB) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly current = () => this.state;

  start() {
    this.subscription ??= liveQuery(() => readRoster(this.db)).subscribe({
      next: (records) => {
        this.records = records;
        this.build();
      },
      error: (error: unknown) => this.set({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    });
  }

  private build() {
    const started = performance.now();
    const initialsOf = this.pinyinInitials;
    const index = buildSearchIndex(this.records, initialsOf && ((resident) => initialsOf(resident.name)));
    this.set({ status: 'ready', index, buildMs: performance.now() - started });
    if (index.missingInitials > 0 && !initialsOf) void this.loadPinyin();
  }

  /** The pinyin dictionary is big: it loads apart from the first screen, and only when some resident needs it. */
  private async loadPinyin() {
    if (this.pinyinLoading) return;
    this.pinyinLoading = true;
    const { pinyinInitials } = await import('../../../shared/search/pinyin');
    const memo = new Map<string, string>();
    this.pinyinInitials = (name) => {
      let initials = memo.get(name);
      if (initials === undefined) memo.set(name, (initials = pinyinInitials(name)));
      return initials;
    };
    this.build();
  }

  private set(state: RosterState) {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

const indexes = new WeakMap<CanteenDB, RosterIndex>();
function rosterIndexOf(db: CanteenDB): RosterIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new RosterIndex(db)));
  return index;
}

/** The roster's search index, kept current; starts reading the roster on first use. */
export function useRoster(db: CanteenDB): RosterState {
  const roster = rosterIndexOf(db);
  useEffect(() => roster.start(), [roster]);
  return useSyncExternalStore(roster.subscribe, roster.current);
}
