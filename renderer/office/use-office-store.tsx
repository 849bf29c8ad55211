// The 街道 page's panels reach the office's store through this context: the page picks the store 设置 chose,
// and each panel's reads follow it (live on this PC's IndexedDB; read again on a timer and on focus on a
// PostgreSQL store several office PCs share).
import { createContext, useContext, useEffect, useState, type DependencyList } from 'react';
import type { OfficeStore } from './office-store';

type Context = { store: OfficeStore; reportProblem(message: string | undefined): void };

const OfficeStoreContext = createContext<Context | null>(null);
export const OfficeStoreProvider = OfficeStoreContext.Provider;

export function useOfficeStore(): OfficeStore {
  const context = useContext(OfficeStoreContext);
  if (!context) throw new Error('useOfficeStore outside the 街道 page');
  return context.store;
}

/** The query's latest answer from the office's store (undefined until the first). */
export function useOfficeQuery<T>(query: (store: OfficeStore) => Promise<T>, deps: DependencyList): T | undefined {
  const context = useContext(OfficeStoreContext)!;
  const [value, setValue] = useState<T>();
  useEffect(
    () =>
      context.store.watch(
        () => query(context.store),
        (next) => {
          setValue(() => next);
          context.reportProblem(undefined);
        },
        (message) => context.reportProblem(message),
      ),
    [context.store, ...deps],
  );
  return value;
}
