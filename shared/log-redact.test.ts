import { describe, expect, it } from 'vitest';
import { redact } from './log-redact';

describe('redact', () => {
  it('removes ID document numbers of every kind', () => {
    const line = redact('识别 110101194003071234 与 11010119400307123X 和旧号 110101400307123 以及 H12345678 完成');
    expect(line).not.toMatch(/\d{15}|H12345678/);
    expect(line).toContain('[证件号已隐去]');
  });
  it('removes PINs however they are written', () => {
    for (const text of ['pin=2468', 'PIN: 2468', '{"pin":"2468"}', '密码 2468', '密码：2468']) expect(redact(text), text).not.toContain('2468');
  });
  it('keeps the rest readable, one line', () => {
    expect(redact('自动备份失败：磁盘空间已满\n请清理')).toBe('自动备份失败：磁盘空间已满 请清理');
    expect(redact('canteen-20260302-114500.canteen-backup 共 12 条')).toBe('canteen-20260302-114500.canteen-backup 共 12 条');
  });
});
