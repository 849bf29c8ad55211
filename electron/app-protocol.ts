// Serves the built renderer from app://canteen/ instead of file://, so the page has a real origin
// (IndexedDB, CSP) and cannot read arbitrary files.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Inside `root` itself, not merely sharing its prefix (renderer-old/ is not inside renderer/). */
export function isInside(root: string, filePath: string): boolean {
  return filePath.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

export type ResolvedRequest = { status: 200; filePath: string; mimeType: string } | { status: 400 | 403 | 404 | 405 };

export function resolveAppRequest(request: { method: string; url: string }, rootDir: string): ResolvedRequest {
  if (request.method !== 'GET') return { status: 405 };
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404 };

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  // A backslash is a separator on Windows: refused outright rather than left to the platform's path rules.
  if (pathname.includes('\0') || pathname.includes('\\')) return { status: 400 };

  // Prevents directory traversal: however `..` is spelled (%2e%2e%2f, ..%5c), the resolved file must stay in the root.
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!isInside(root, filePath)) return { status: 403 };
  return { status: 200, filePath, mimeType: MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream' };
}

export const APP_RESPONSE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

type ServeFs = { readFile(filePath: string): Promise<Uint8Array>; realpath(filePath: string): Promise<string> };

/** The protocol handler: a Response for any request, never a file outside `rootDir`, even through a symlink. */
export async function serveAppRequest(request: { method: string; url: string }, rootDir: string, io: ServeFs = fs): Promise<Response> {
  const resolved = resolveAppRequest(request, rootDir);
  if (resolved.status !== 200) return new Response(null, { status: resolved.status });
  try {
    // The real path of the file must lie inside the real root: a link in the renderer folder leads nowhere.
    const [realRoot, realFile] = await Promise.all([io.realpath(path.resolve(rootDir)), io.realpath(resolved.filePath)]);
    if (!isInside(realRoot, realFile)) return new Response(null, { status: 403 });
    const body = await io.readFile(realFile);
    return new Response(new Blob([body as Uint8Array<ArrayBuffer>]), {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'content-type': resolved.mimeType },
    });
  } catch {
    return new Response(null, { status: 404 });
  }
}
