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
  it('sends each method on its own channel, whatever the page passes', async () => {
    const api = exposed[BRIDGE_GLOBAL] as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of bridgeMethods) {
      // A page that tries to choose the channel itself (first, second or last argument) is not heard.
      for (const args of [['argument'], [bridgeChannel('sealSecret'), 'x'], ['argument', bridgeChannel('removeFromFolder')], ['canteen:other']]) {
        invoke.mockClear();
        await api[method]?.(...args);
        expect(invoke.mock.calls.length, method).toBe(1);
        expect(invoke.mock.calls[0]?.[0], method).toBe(bridgeChannel(method));
        // At most the method's own argument goes along, unchanged.
        const sent = invoke.mock.calls[0]!.slice(1);
        expect(sent.length, method).toBeLessThanOrEqual(1);
        if (sent.length) expect(sent[0], method).toBe(args[0]);
      }
    }
  });
});
