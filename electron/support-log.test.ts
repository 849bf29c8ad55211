import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DailyLog, LOG_DAYS_KEPT, LOG_MAX_BYTES_PER_DAY } from './support-log';

const day = (iso: string) => Date.parse(iso);

describe('DailyLog', () => {
  it('writes one file per China day, with no ID number or PIN in it', async () => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'log-')), 'logs');
    let now = day('2026-03-02T15:59:00Z'); // 23:59 in China
    const log = new DailyLog(folder, () => now);
    await log.write('info', 'renderer', '识别 110101194003071234，PIN: 2468');
    now = day('2026-03-02T16:01:00Z'); // 00:01 the next day
    await log.write('error', 'main', '自动备份失败');
    expect(readdirSync(folder).sort()).toEqual(['canteen-2026-03-02.log', 'canteen-2026-03-03.log']);
    const first = readFileSync(path.join(folder, 'canteen-2026-03-02.log'), 'utf8');
    expect(first).toMatch(/^2026-03-02T23:59:00\+08:00 INFO \[renderer\] /);
    expect(first).not.toMatch(/110101194003071234|2468/);
    expect(await log.recent()).toMatch(/INFO[\s\S]*ERROR \[main\] 自动备份失败\n$/);
  });
  it('keeps a month of days and never removes files that are not its own', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'log-'));
    writeFileSync(path.join(folder, 'notes.txt'), 'keep');
    for (let d = 1; d <= LOG_DAYS_KEPT + 5; d++) writeFileSync(path.join(folder, `canteen-2026-01-${String(d).padStart(2, '0')}.log`), 'x\n');
    const log = new DailyLog(folder, () => day('2026-02-10T04:00:00Z'));
    await log.write('info', 'main', '启动');
    const files = readdirSync(folder);
    expect(files.filter((name) => name.endsWith('.log'))).toHaveLength(LOG_DAYS_KEPT);
    expect(files).toContain('notes.txt');
    expect(files).toContain('canteen-2026-02-10.log');
    expect(files).not.toContain('canteen-2026-01-01.log');
  });
  it('stops writing a day\'s file at its size limit', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'log-'));
    const log = new DailyLog(folder, () => day('2026-03-02T04:00:00Z'));
    writeFileSync(log.fileFor(day('2026-03-02T04:00:00Z')), 'x'.repeat(LOG_MAX_BYTES_PER_DAY - 10));
    await log.write('error', 'main', '循环错误'.repeat(10));
    await log.write('error', 'main', '循环错误');
    const text = readFileSync(log.fileFor(day('2026-03-02T04:00:00Z')), 'utf8');
    expect(text).toContain('今日日志已满');
    expect(text.length).toBeLessThan(LOG_MAX_BYTES_PER_DAY + 400);
    expect(text.match(/循环错误/g)?.length).toBeLessThan(12);
  });
});
