// Channel names of the bridge, kept free of zod so the sandboxed preload stays tiny.
import type { Bridge } from './bridge';

export type BridgeMethod = keyof Bridge;
export const bridgeChannel = <M extends BridgeMethod>(method: M) => `canteen:${method}` as const;

/** Where the preload puts the bridge on `window`. */
export const BRIDGE_GLOBAL = 'canteenBridge';
