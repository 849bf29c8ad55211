import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest, serveAppRequest } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const parent = mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
const root = path.join(parent, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>till</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(parent, 'secret.txt'), 'private');
// A sibling whose name starts with the root's name: renderer-old/ is not inside renderer/.
mkdirSync(path.join(parent, 'renderer-old'));
writeFileSync(path.join(parent, 'renderer-old', 'app.js'), 'stale');
// Links inside the root that lead out of it.
symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'assets', 'linked.js'));
symlinkSync(parent, path.join(root, 'up'));
const io = { readFile, realpath };

const get = (url: string) => resolveAppRequest({ method: 'GET', url }, root);

describe('resolveAppRequest', () => {
  it('maps app://canteen paths into the renderer folder', () => {
    expect(get('app://canteen/')).toMatchObject({ status: 200, filePath: path.join(root, 'index.html') });
    expect(get('app://canteen/assets/app.js')).toMatchObject({ status: 200, mimeType: 'text/javascript; charset=utf-8' });
  });
  it('refuses path traversal that survives URL parsing', () => {
    for (const url of ['app://canteen/..%2fsecret.txt', 'app://canteen/%2e%2e%2fsecret.txt', 'app://canteen/assets/..%2f..%2fsecret.txt']) {
      expect(get(url).status, url).toBe(403);
    }
    expect(get('app://canteen/%00index.html').status).toBe(400);
  });
  it('refuses a sibling folder that merely shares the root\'s name', () => {
    expect(get('app://canteen/..%2frenderer-old%2fapp.js').status).toBe(403);
    expect(get('app://canteen/%2e%2e%2frenderer-old/app.js').status).toBe(403);
  });
  it('refuses backslashes, the separator on Windows', () => {
    for (const url of ['app://canteen/..%5csecret.txt', 'app://canteen/assets%5c..%5c..%5csecret.txt', 'app://canteen/assets%5capp.js']) {
      expect(get(url).status, url).toBe(400);
    }
  });
  it('keeps dot segments the URL parser collapses inside the root', () => {
    for (const url of ['app://canteen/%2e%2e/secret.txt', 'app://canteen/assets/%2E%2E/%2e%2e/secret.txt']) {
      expect(get(url)).toMatchObject({ status: 200, filePath: path.join(root, 'secret.txt') });
    }
  });
  it('refuses anything but GET', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect(resolveAppRequest({ method, url: 'app://canteen/index.html' }, root).status).toBe(405);
    }
  });
  it('refuses other hosts and schemes', () => {
    expect(get('app://other/index.html').status).toBe(404);
    expect(get('file:///etc/passwd').status).toBe(404);
  });
});

describe('serveAppRequest', () => {
  it('serves files with the content security policy', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://canteen/index.html' }, root, io);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await response.text()).toContain('<title>till</title>');
  });
  it('never reads outside the renderer folder', async () => {
    const read: string[] = [];
    const spy = { realpath, readFile: async (file: string) => (read.push(file), readFile(file)) };
    const response = await serveAppRequest({ method: 'GET', url: 'app://canteen/..%2fsecret.txt' }, root, spy);
    expect(response.status).toBe(403);
    expect(read).toEqual([]);
  });
  it('does not follow a link inside the root out of it', async () => {
    for (const url of ['app://canteen/assets/linked.js', 'app://canteen/up/secret.txt', 'app://canteen/up/renderer-old/app.js']) {
      const response = await serveAppRequest({ method: 'GET', url }, root);
      expect(response.status, url).toBe(403);
      expect(await response.text()).toBe('');
    }
  });
  it('serves the real files by default', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://canteen/assets/app.js' }, root);
    expect(await response.text()).toBe('console.log(1)');
  });
  it('answers 404 for a missing file', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://canteen/nope.js' }, root, io);
    expect(response.status).toBe(404);
  });
});
