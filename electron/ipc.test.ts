import { describe, expect, it, vi } from 'vitest';
import { bridgeChannel, bridgeMethods } from '../shared/bridge';
import { BridgeRequestRefused, guardBridgeHandler, registerBridgeHandlers, type BridgeHandlers } from './ipc';
import { badArgumentLists, FOREIGN_FRAMES } from './ipc-test-cases';
import { APP_ENTRY_URL } from './security';

const appFrame = { url: APP_ENTRY_URL, parent: null };
const event = (senderFrame: { url: string; parent: unknown } | null) => ({ senderFrame, sender: 'contents' });

describe('guardBridgeHandler', () => {
  it('passes parsed arguments and the sender to the handler', async () => {
    const handler = vi.fn(async () => ({ ok: true as const }));
    const guarded = guardBridgeHandler('writeInFolder', handler as never);
    const bytes = new Uint8Array([1, 2, 3]);
    await guarded(event(appFrame), { folder: '/backups', name: 'b.zip', bytes });
    expect(handler).toHaveBeenCalledWith('contents', { folder: '/backups', name: 'b.zip', bytes });
  });
  it('refuses requests from frames that are not the app', async () => {
    const handler = vi.fn();
    const guarded = guardBridgeHandler('appInfo', handler as never);
    await expect(guarded(event({ url: 'https://example.com/', parent: null }))).rejects.toBeInstanceOf(BridgeRequestRefused);
    await expect(guarded(event({ url: APP_ENTRY_URL, parent: appFrame }))).rejects.toBeInstanceOf(BridgeRequestRefused);
    await expect(guarded(event(null))).rejects.toBeInstanceOf(BridgeRequestRefused);
    expect(handler).not.toHaveBeenCalled();
  });
  it('refuses arguments the contract does not allow', async () => {
    const handler = vi.fn();
    const guarded = guardBridgeHandler('writeInFolder', handler as never);
    const bytes = new Uint8Array([1]);
    await expect(guarded(event(appFrame), { folder: '/backups', name: '../../evil.sh', bytes })).rejects.toThrow(/参数无效/);
    await expect(guarded(event(appFrame), { folder: '/backups', name: 'b.zip', bytes: 'not bytes' })).rejects.toThrow(/参数无效/);
    await expect(guarded(event(appFrame), { folder: '/backups', name: 'b.zip', bytes }, 'extra')).rejects.toThrow(/参数无效/);
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('registerBridgeHandlers', () => {
  const register = () => {
    const handle = vi.fn();
    const handlers = Object.fromEntries(bridgeMethods.map((method) => [method, vi.fn(async () => 'answered')])) as unknown as BridgeHandlers<string>;
    registerBridgeHandlers({ handle }, handlers);
    const registered = new Map(handle.mock.calls.map(([channel, listener]) => [channel as string, listener as (...args: unknown[]) => Promise<unknown>]));
    return { handle, handlers, registered };
  };
  it('registers exactly one channel per bridge method', () => {
    const { handle } = register();
    expect(handle.mock.calls.map(([channel]) => channel)).toEqual(bridgeMethods.map(bridgeChannel));
  });
  it('guards every channel: a foreign sender and bad arguments never reach the handler', async () => {
    const { handlers, registered } = register();
    for (const method of bridgeMethods) {
      const listener = registered.get(bridgeChannel(method))!;
      for (const frame of FOREIGN_FRAMES) await expect(listener(event(frame)), method).rejects.toThrow(/拒绝了来自非本应用页面的请求/);
      for (const [index, args] of badArgumentLists(method).entries()) await expect(listener(event(appFrame), ...args), `${method} #${index}`).rejects.toThrow(/参数无效/);
      expect(handlers[method], method).not.toHaveBeenCalled();
    }
  });
});
