// Which app this PC runs: a canteen's till (the default) or the subdistrict office's review (街道 mode). A
// setting of the machine, not of the books, so it lives in the browser profile, not in any database.
import { useSyncExternalStore } from 'react';

export type AppMode = 'canteen' | 'office';

const KEY = 'canteen-till.mode';
const listeners = new Set<() => void>();

export function appMode(): AppMode {
  return localStorage.getItem(KEY) === 'office' ? 'office' : 'canteen';
}

export function setAppMode(mode: AppMode): void {
  localStorage.setItem(KEY, mode);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppMode(): AppMode {
  return useSyncExternalStore(subscribe, appMode);
}
