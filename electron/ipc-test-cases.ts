// Hostile callers for tests of the IPC guard, made from the contract itself so a method added to
// shared/bridge.ts is covered without touching the tests.
import { bridgeArgs, type BridgeMethod } from '../shared/bridge';
import { APP_ENTRY_URL } from './security';

/** Frames that must never be answered: other origins, an embedded copy of the app, none at all. */
export const FOREIGN_FRAMES = [
  { url: 'https://example.com/', parent: null },
  { url: 'file:///C:/Users/till/evil.html', parent: null },
  { url: 'app://evil/index.html', parent: null },
  { url: APP_ENTRY_URL, parent: { url: 'https://example.com/' } },
  null,
];

/** Argument lists no method accepts: values IPC can carry but no schema allows, extra arguments, missing ones. */
export function badArgumentLists(method: BridgeMethod): unknown[][] {
  const arity = (bridgeArgs[method].def.items as unknown[]).length;
  const lists: unknown[][] = [
    [42],
    [true],
    [{ __proto__: null, folder: '/', name: '../../x' }, 'extra'],
    ['x'.repeat(100_000)],
    [Array(arity + 1).fill(null)].flat(),
    Array(arity + 1).fill({}),
  ];
  if (arity > 0) lists.push([]);
  return lists;
}
