import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, bridgeChannel, bridgeMethods } from '../shared/bridge';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => undefined);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke },
}));

beforeAll(async () => {
  await import('./preload');
});

describe('preload', () => {
  it('exposes one function per bridge method and nothing else', () => {
    const api = exposed[BRIDGE_GLOBAL] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...bridgeMethods].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.keys(exposed)).toEqual([BRIDGE_GLOBAL]);
  });
  it('sends each method on its own channel', async () => {
    const api = exposed[BRIDGE_GLOBAL] as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of bridgeMethods) {
      invoke.mockClear();
      await api[method]?.('argument');
      expect(invoke.mock.calls[0]?.[0]).toBe(bridgeChannel(method));
    }
  });
});
