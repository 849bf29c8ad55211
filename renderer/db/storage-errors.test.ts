import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { STORAGE_ERROR_TEXT, storageErrorKind, storageErrorText } from './storage-errors';

const ENGLISH = /[A-Za-z]{4,}/;

describe('storage errors in Chinese', () => {
  it('says a full disk is a full disk, however IndexedDB and Dexie wrap it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(storageErrorKind(quota)).toBe('disk_full');
    expect(storageErrorKind(new Dexie.AbortError('Transaction aborted', quota))).toBe('disk_full');
    expect(storageErrorKind(new Error('write failed', { cause: quota }))).toBe('disk_full');
    expect(storageErrorText(quota)).toContain('磁盘空间不足');
    expect(storageErrorText(quota)).toContain('重新记录');
  });

  it('says a store that cannot be opened is a storage fault, and what to do', () => {
    const backing = new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
    expect(storageErrorKind(backing)).toBe('store_broken');
    expect(storageErrorKind(new Dexie.OpenFailedError('Internal error opening backing store for indexedDB.open.'))).toBe('store_broken');
    expect(storageErrorText(new Dexie.DatabaseClosedError('Database has been closed'))).toBe(STORAGE_ERROR_TEXT.store_broken);
    expect(storageErrorText(backing)).toMatch(/^存储出错.*请/);
  });

  it('turns a bare abort into a storage fault', () => {
    const abort = new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');
    expect(storageErrorKind(abort)).toBe('storage');
    expect(storageErrorKind(new Dexie.AbortError('Transaction aborted'))).toBe('storage');
    expect(storageErrorText(abort)).toBe(STORAGE_ERROR_TEXT.storage);
  });

  it("keeps the till's own Chinese messages, and never shows English to the cashier", () => {
    expect(storageErrorText(new Error('meals 记录无效：quote.date 日期无效'))).toBe('meals 记录无效：quote.date 日期无效');
    expect(storageErrorKind(new Error('找不到这笔消费'))).toBeNull();
    for (const error of [new Error('Something odd happened'), 'boom', undefined, null, 42, { name: 'X' }]) {
      expect(storageErrorText(error)).toBe(STORAGE_ERROR_TEXT.storage);
    }
    for (const text of Object.values(STORAGE_ERROR_TEXT)) expect(text).not.toMatch(ENGLISH);
  });
});
