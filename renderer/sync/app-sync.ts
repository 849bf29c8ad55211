// The app's one sync engine, started with the configuration kept in the till's settings, and nudged by
// every chained record the till writes (after its transaction commits, so a sale never waits on it).
import { useSyncExternalStore } from 'react';
import { SyncConfigSchema, type SyncConfig } from '../../shared/sync/wire';
import { appLedger, db } from '../db/app-db';
import { bridge } from '../bridge';
import { CHAINED_TABLES } from '../db/canteen-db';
import { watchMasterChanges } from './master-sync';
import { SyncEngine, type SyncStatus } from './sync-engine';

const CONFIG_KEY = 'sync.config';

async function tillId(): Promise<string> {
  await appLedger();
  return (await db.settings.get('till.id'))!.value as string;
}

export const appSync = new SyncEngine(db, bridge, tillId);

for (const table of CHAINED_TABLES) {
  db[table].hook('creating', function () {
    this.onsuccess = () => appSync.nudge();
  });
}

// A change to the shared master data is pushed at once too.
watchMasterChanges(db, () => appSync.nudge());

export async function syncConfig(): Promise<SyncConfig> {
  const parsed = SyncConfigSchema.safeParse((await db.settings.get(CONFIG_KEY))?.value);
  return parsed.success ? parsed.data : { mode: 'single' };
}

/** Keeps the chosen configuration and restarts sync with it. */
export async function saveSyncConfig(config: SyncConfig): Promise<void> {
  await db.settings.put({ key: CONFIG_KEY, value: SyncConfigSchema.parse(config) });
  await appSync.start(config);
}

let started = false;
export function startAppSync(): void {
  if (started) return;
  started = true;
  void syncConfig().then((config) => appSync.start(config));
}

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(appSync.subscribe, appSync.snapshot);
}
