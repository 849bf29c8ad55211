import { describe, expect, it } from 'vitest';
import { bridgeArgs, folderFileRequest, logEntry, openFilesRequest, pdfRequest, printRequest, saveFileRequest, writeInFolderRequest } from './bridge';

const bytes = new Uint8Array([1]);
const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('bridge argument schemas', () => {
  it('take plain file names and nothing that reaches another folder', () => {
    for (const name of ['canteen-20260302-114500.canteen-backup', '花名册-2026-03-02.xlsx', '报表-2026-03-01至2026-03-31.xlsx', 'a']) {
      expect(accepts(saveFileRequest, { suggestedName: name, bytes }), name).toBe(true);
      expect(accepts(writeInFolderRequest, { folder: '/backups', name, bytes }), name).toBe(true);
    }
    const hostile = ['../evil.sh', '..', '.', 'a/b.zip', 'a\\b.zip', '..\\..\\Windows\\evil.dll', 'C:evil.zip', 'x\0.zip', 'a..b', 'name.', ' lead', 'new\nline.txt', 'a'.repeat(121), ''];
    for (const name of hostile) {
      expect(accepts(saveFileRequest, { suggestedName: name, bytes }), JSON.stringify(name)).toBe(false);
      expect(accepts(folderFileRequest, { folder: '/backups', name }), JSON.stringify(name)).toBe(false);
      expect(accepts(writeInFolderRequest, { folder: '/backups', name, bytes }), JSON.stringify(name)).toBe(false);
    }
  });
  it('take folders only as whole paths without `..`', () => {
    for (const folder of ['/home/till/备份', 'D:\\备份', 'E:/backups', '\\\\nas\\share\\备份']) {
      expect(accepts(folderFileRequest, { folder, name: 'a.zip' }), folder).toBe(true);
      expect(accepts(bridgeArgs.listFolder, [folder]), folder).toBe(true);
    }
    for (const folder of ['backups', './backups', '/backups/../etc', 'D:\\备份\\..\\Windows', '/a/./b', '..', '', '/x\0', 'a'.repeat(501), '/'.concat('a'.repeat(500))]) {
      expect(accepts(folderFileRequest, { folder, name: 'a.zip' }), folder).toBe(false);
      expect(accepts(bridgeArgs.listFolder, [folder]), folder).toBe(false);
    }
  });
  it('take file-dialog filters with plain extensions only', () => {
    expect(accepts(openFilesRequest, { filters: [{ name: '收银台备份', extensions: ['canteen-backup', 'xlsx'] }] })).toBe(true);
    for (const extensions of [['*'], ['../x'], ['x/y'], ['a\\b'], ['tar.gz'], [''], ['a'.repeat(21)], []]) {
      expect(accepts(openFilesRequest, { filters: [{ name: '文件', extensions }] }), extensions.join()).toBe(false);
    }
    expect(accepts(openFilesRequest, { filters: [{ name: 'x'.repeat(61), extensions: ['zip'] }] })).toBe(false);
    expect(accepts(openFilesRequest, { filters: Array(6).fill({ name: 'x', extensions: ['zip'] }) })).toBe(false);
  });
  it('take a known paper and a bounded printer name', () => {
    expect(accepts(printRequest, { paper: 'receipt58', silent: true, deviceName: 'XP-58 (USB)' })).toBe(true);
    expect(accepts(printRequest, { paper: 'receipt80', pageHeightMm: 96 })).toBe(true);
    for (const request of [
      { paper: 'legal' },
      { paper: 'A4' },
      { paper: 'receipt58', deviceName: 'p'.repeat(121) },
      { paper: 'receipt58', deviceName: '' },
      { paper: 'receipt58', deviceName: 'XP\n58' },
      { paper: 'receipt58', pageHeightMm: 1e9 },
      { paper: 'receipt58', pageHeightMm: 10.5 },
      { paper: 'receipt58', pageSize: 'Letter' },
    ]) {
      expect(accepts(printRequest, request), JSON.stringify(request)).toBe(false);
    }
    expect(accepts(pdfRequest, { paper: 'poster' })).toBe(false);
  });
  it('refuse keys the contract does not name', () => {
    expect(accepts(saveFileRequest, { suggestedName: 'a.zip', bytes, defaultPath: '/etc/passwd' })).toBe(false);
    expect(accepts(folderFileRequest, { folder: '/backups', name: 'a.zip', recursive: true })).toBe(false);
  });
  it('bound secrets and log lines', () => {
    expect(accepts(bridgeArgs.sealSecret, [new Uint8Array(32)])).toBe(true);
    expect(accepts(bridgeArgs.sealSecret, [new Uint8Array(0)])).toBe(false);
    expect(accepts(bridgeArgs.sealSecret, [new Uint8Array(4097)])).toBe(false);
    expect(accepts(bridgeArgs.sealSecret, ['plain text'])).toBe(false);
    expect(accepts(logEntry, { level: 'error', message: '自动备份失败' })).toBe(true);
    expect(accepts(logEntry, { level: 'debug', message: 'x' })).toBe(false);
    expect(accepts(logEntry, { level: 'info', message: 'x'.repeat(2001) })).toBe(false);
  });
});
