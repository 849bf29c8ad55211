import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
} from './security';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
  it('sets every preference the checklist asks for, and nothing looser', () => {
    expect(prefs).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  it('denies by default and runs only the app\'s own scripts', () => {
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
  it('opens no socket and no other scheme: every source list is \'self\', \'none\' or local images', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/wss?:|filesystem:|file:/);
    for (const [directive, sources] of directives) {
      const allowed = directive === 'img-src' ? ["'self'", 'data:', 'blob:'] : ["'self'", "'none'"];
      for (const source of sources!.split(' ')) expect(allowed, `${directive} ${source}`).toContain(source);
    }
    expect(directives.get('connect-src')).toBe("'self'");
  });
  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });
});

describe('isAppUrl', () => {
  it('accepts only app://canteen', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://canteen/#/counter')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://canteen/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('app://user:pw@canteen/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

function fakeContents() {
  const emitter = new EventEmitter();
  const windowOpen = { handler: undefined as undefined | ((details: unknown) => { action: string }) };
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    setWindowOpenHandler: (handler: (details: unknown) => { action: string }) => (windowOpen.handler = handler),
  };
  hardenWebContents(contents as never);
  const fire = (event: string, ...args: unknown[]) => {
    const e = { preventDefault: vi.fn(), url: args[0] };
    emitter.emit(event, e, ...args);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { fire, windowOpen };
}

describe('hardenWebContents', () => {
  it('refuses navigation and redirects away from the app', () => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', 'app://canteen/index.html#/counter')).toBe(false);
  });
  it('refuses webviews and every new window', () => {
    const { fire, windowOpen } = fakeContents();
    expect(fire('will-attach-webview')).toBe(true);
    expect(windowOpen.handler?.({ url: 'app://canteen/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  it('refuses every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    let device: ((...args: unknown[]) => boolean) | undefined;
    hardenSession({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
      setDevicePermissionHandler: (handler: typeof device) => (device = handler),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.(null, 'media')).toBe(false);
    expect(device?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the app\'s own top frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: null })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
