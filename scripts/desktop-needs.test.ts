import { describe, expect, it } from 'vitest';
import { minimumFrom, nodeTooOld } from './desktop-needs.mjs';

const electron = { version: '45.5.0', engines: { node: '>= 22.12.0' } };

describe('nodeTooOld', () => {
  it('names what the desktop needs in one line when Node is older', () => {
    expect(nodeTooOld('v20.20.2', electron)).toBe('桌面版（Electron 45.5.0）需要 Node 22.12.0 或更新，本机是 Node 20.20.2');
    expect(nodeTooOld('v22.11.9', electron)).toMatch(/需要 Node 22\.12\.0/);
  });
  it('lets the desktop start on Node new enough', () => {
    for (const version of ['v22.12.0', 'v22.13.1', 'v24.0.0']) expect(nodeTooOld(version, electron), version).toBeNull();
  });
  it('reads only the simple range Electron publishes', () => {
    expect(minimumFrom('>= 22.12.0')).toEqual([22, 12, 0]);
    expect(minimumFrom(undefined)).toBeNull();
  });
});
