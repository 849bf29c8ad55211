// The renderer reaches the desktop only through this module: the preload's bridge inside Electron,
// the browser implementation everywhere else. Both satisfy the same contract.
import type { Bridge } from '../../shared/bridge';
import { BRIDGE_GLOBAL } from '../../shared/bridge-channels';
import { browserBridge } from './browser-bridge';

declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: Bridge;
  }
}

export const bridge: Bridge = window[BRIDGE_GLOBAL] ?? browserBridge;
