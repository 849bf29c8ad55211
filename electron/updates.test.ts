import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeUpdateSource, parseUpdateConfig, serveFolderForUpdates, startUpdates, type UpdaterLike } from './updates';

function fakeUpdater() {
  return { autoDownload: false, autoInstallOnAppQuit: false, setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), on: vi.fn() } satisfies UpdaterLike;
}

describe('update source', () => {
  it('is off without update.json, and off with a file that is not right', () => {
    expect(parseUpdateConfig(null)).toEqual({ source: null });
    for (const text of ['{', '{"url": "ftp://x/"}', '{"url": "javascript:alert(1)"}', '{"folder": "relative/dir"}', '{"url": "https://a/", "folder": "/b"}', '[]']) {
      const parsed = parseUpdateConfig(text);
      expect(parsed.source, text).toBeNull();
      expect(parsed.problem, text).toMatch(/自动更新保持关闭/);
    }
  });
  it('points at the canteen\'s own server or folder', () => {
    expect(parseUpdateConfig('{"url": "https://it.example/canteen/"}').source).toEqual({ kind: 'server', url: 'https://it.example/canteen/' });
    expect(parseUpdateConfig('{"folder": "/mnt/updates"}').source).toEqual({ kind: 'folder', folder: '/mnt/updates' });
    expect(describeUpdateSource({ kind: 'folder', folder: '/mnt/updates' })).toBe('文件夹 /mnt/updates');
    expect(describeUpdateSource(null)).toBeNull();
  });
  it('does nothing when off', async () => {
    const updater = fakeUpdater();
    await startUpdates(null, updater, vi.fn());
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });
  it('checks the configured server and installs on quit', async () => {
    const updater = fakeUpdater();
    const log = vi.fn();
    await startUpdates({ kind: 'server', url: 'https://it.example/canteen/' }, updater, log);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://it.example/canteen/' });
    expect(updater.checkForUpdates).toHaveBeenCalled();
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(log).toHaveBeenCalledWith('info', '检查更新：服务器 https://it.example/canteen/');
  });
  it('offers a folder on the loopback address, its own files only', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'updates-'));
    const folder = path.join(parent, 'updates');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'latest.yml'), 'version: 0.2.0');
    writeFileSync(path.join(parent, 'secret.txt'), 'private');
    const { url, server } = await serveFolderForUpdates(folder);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(await (await fetch(`${url}latest.yml`)).text()).toBe('version: 0.2.0');
      for (const name of ['..%2fsecret.txt', '%2e%2e%2fsecret.txt', '..%5csecret.txt', 'missing.yml']) {
        const response = await fetch(`${url}${name}`);
        expect(response.status, name).toBe(404);
      }
    } finally {
      server.close();
    }
  });
});
