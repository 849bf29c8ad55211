// Updates are off unless the canteen or its IT provider points the till at its own source, in
// update.json in the app's data folder: {"url": "https://it.example/canteen/"} or {"folder": "D:\\更新"}.
// The source holds what electron-builder publishes (latest.yml and the installer).
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { isInside } from './app-protocol';

const updateConfig = z.union([
  z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(500) }),
  z.strictObject({ folder: z.string().min(1).max(500).refine((folder) => path.isAbsolute(folder), '必须是完整路径') }),
]);
export type UpdateSource = { kind: 'server'; url: string } | { kind: 'folder'; folder: string };

/** The configured source, or null (off) when there is no file or it is not valid. */
export function parseUpdateConfig(text: string | null): { source: UpdateSource | null; problem?: string } {
  if (text === null) return { source: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { source: null, problem: 'update.json 不是有效的 JSON，自动更新保持关闭' };
  }
  const parsed = updateConfig.safeParse(json);
  if (!parsed.success) return { source: null, problem: 'update.json 应为 {"url": "https://…"} 或 {"folder": "完整路径"}，自动更新保持关闭' };
  return { source: 'url' in parsed.data ? { kind: 'server', url: parsed.data.url } : { kind: 'folder', folder: path.resolve(parsed.data.folder) } };
}

export async function readUpdateConfig(configFile: string): Promise<{ source: UpdateSource | null; problem?: string }> {
  return parseUpdateConfig(await fs.readFile(configFile, 'utf8').catch(() => null));
}

export const describeUpdateSource = (source: UpdateSource | null): string | null =>
  source === null ? null : source.kind === 'server' ? `服务器 ${source.url}` : `文件夹 ${source.folder}`;

/**
 * The updater reads over HTTP only: a folder is offered on the loopback address, read-only, files from
 * that folder and nothing else.
 */
export function serveFolderForUpdates(folder: string): Promise<{ url: string; server: Server }> {
  const root = path.resolve(folder);
  const server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1));
    const file = path.resolve(root, name);
    if (request.method !== 'GET' || name.includes('/') || name.includes('\\') || !isInside(root, file)) {
      response.writeHead(404).end();
      return;
    }
    fs.readFile(file).then(
      (body) => response.writeHead(200).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server })));
}

export type UpdaterLike = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error' | 'update-downloaded', listener: (arg: unknown) => void): unknown;
};

/** Checks once at start when a source is configured; a downloaded update installs when the till is closed. */
export async function startUpdates(source: UpdateSource | null, updater: UpdaterLike, log: (level: 'info' | 'warn', message: string) => void): Promise<void> {
  if (!source) return;
  const url = source.kind === 'server' ? source.url : (await serveFolderForUpdates(source.folder)).url;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url });
  updater.on('error', (error) => log('warn', `检查更新失败：${error instanceof Error ? error.message : String(error)}`));
  updater.on('update-downloaded', (info) => log('info', `新版本已下载，关闭收银台后安装：${(info as { version?: string } | null)?.version ?? ''}`));
  log('info', `检查更新：${describeUpdateSource(source)}`);
  await updater.checkForUpdates().catch((error: unknown) => log('warn', `检查更新失败：${error instanceof Error ? error.message : String(error)}`));
}
