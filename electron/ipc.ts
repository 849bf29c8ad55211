// Every bridge method becomes one IPC channel whose handler first checks who is asking and what
// they sent. Handlers receive arguments already parsed by the contract's zod schemas.
import type { z } from 'zod';
import { bridgeArgs, bridgeChannel, bridgeMethods, type Bridge, type BridgeMethod } from '../shared/bridge';
import { isTrustedSender } from './security';

export type IpcEventLike<Sender> = { senderFrame: { url: string; parent: unknown } | null; sender: Sender };

export type BridgeHandlers<Sender> = {
  [M in BridgeMethod]: (sender: Sender, ...args: z.output<(typeof bridgeArgs)[M]>) => ReturnType<Bridge[M]>;
};

export class BridgeRequestRefused extends Error {}

export function guardBridgeHandler<Sender, M extends BridgeMethod>(method: M, handler: BridgeHandlers<Sender>[M]) {
  return async (event: IpcEventLike<Sender>, ...rawArgs: unknown[]) => {
    if (!isTrustedSender(event.senderFrame)) throw new BridgeRequestRefused(`拒绝了来自非本应用页面的请求（${method}）`);
    const parsed = bridgeArgs[method].safeParse(rawArgs);
    if (!parsed.success) throw new BridgeRequestRefused(`请求参数无效（${method}）：${parsed.error.issues[0]?.message ?? ''}`);
    const call = handler as (sender: Sender, ...args: unknown[]) => unknown;
    return call(event.sender, ...(parsed.data as unknown[]));
  };
}

export type IpcMainLike<Sender> = { handle(channel: string, listener: (event: IpcEventLike<Sender>, ...args: unknown[]) => unknown): void };

export function registerBridgeHandlers<Sender>(ipcMain: IpcMainLike<Sender>, handlers: BridgeHandlers<Sender>): void {
  for (const method of bridgeMethods) ipcMain.handle(bridgeChannel(method), guardBridgeHandler(method, handlers[method]));
}
