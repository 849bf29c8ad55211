// Finds a Chromium for the end-to-end tests: CHROMIUM_PATH, then Playwright's own download, then the
// system's. On a fresh Debian machine run as root it installs Debian's chromium, and says so.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for headless Chromium on a machine with no network beyond localhost and no GPU. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  let playwrights;
  try {
    playwrights = chromium.executablePath();
  } catch {
    playwrights = undefined;
  }
  return [playwrights, ...SYSTEM_PATHS].find((candidate) => candidate && existsSync(candidate)) ?? null;
}

function canInstallWithApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH 指向的文件不存在：${process.env.CHROMIUM_PATH}`);
  if (!canInstallWithApt()) {
    throw new Error('找不到 Chromium。请安装 Chromium（Debian/Ubuntu：sudo apt-get install -y chromium），或设置 CHROMIUM_PATH 指向浏览器程序。');
  }
  console.log('未找到 Chromium，正在安装 Debian 的 chromium（apt-get install -y chromium）…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  const installed = findChromium();
  if (!installed) throw new Error('安装 chromium 后仍找不到浏览器程序，请设置 CHROMIUM_PATH。');
  return installed;
}
