// `canteen office …` as office IT staff run it: a child process against the test run's PostgreSQL.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../postgres/test-database';
import { WANG, LI, aCanteen, claimOf, meals, packageOf } from '../../shared/office/test-packages';
import { runCanteen as canteen } from '../run-canteen';

// Each case starts Node with tsx; on a machine loaded many times over that takes tens of seconds.
vi.setConfig({ testTimeout: 180_000 });

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]])));
const twice = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG]])));
const tmp = mkdtempSync(join(tmpdir(), 'canteen-office-cli-'));
const folder = join(tmp, '十月');
mkdirSync(folder);
writeFileSync(join(folder, october.fileName), october.bytes);
writeFileSync(join(folder, twice.fileName), twice.bytes);
writeFileSync(join(tmp, 'broken.claim.zip'), october.bytes.slice(0, 3000));

let db: TestDatabase;
beforeAll(async () => (db = await freshDatabase()));
afterAll(() => db.drop());

describe('canteen office', () => {
  it('registers canteens, imports a folder idempotently, reviews a month and exports its workbook', async () => {
    for (const { code, name, key } of [licheng, zengjiang]) {
      const r = await canteen('office', 'canteen', '--db', db.url, '--code', code, '--name', name, '--key', key.info.key, '--by', '张敏');
      expect([r.code, r.out.trim()]).toEqual([0, `已登记 ${name}（${code}），公钥指纹 ${key.info.fingerprint}`]);
    }
    const first = await canteen('office', 'import', '--db', db.url, '--by', '张敏', folder);
    expect(first.code).toBe(0);
    expect(first.out).toContain('合计：2 个文件，导入 2 个，已有 0 个（未重复导入），拒收 0 个');
    expect(first.err).toContain('进度 2/2');

    const again = await canteen('office', 'import', '--db', db.url, folder, join(tmp, 'broken.claim.zip'));
    expect(again.code).toBe(1);
    expect(again.out).toContain('合计：3 个文件，导入 0 个，已有 2 个（未重复导入），拒收 1 个');
    expect(again.out).toContain('✗ broken.claim.zip：');
    const stored = await db.pool.query('SELECT imported_by, count(*)::int AS n FROM office_packages GROUP BY 1');
    expect(stored.rows).toEqual([{ imported_by: '张敏', n: 2 }]);

    const review = await canteen('office', 'review', '--db', db.url, '--month', '2026-10');
    expect(review.code).toBe(1);
    expect(review.out).toContain('! 荔城街长者饭堂（ZC-001）第 1 版：净申报 ¥20.00；疑点 1 笔 ¥9.00（待审 1 笔）；可核准 ¥11.00');
    expect(review.out).toContain('合计：2 个食堂');

    const quiet = await canteen('office', 'review', '--db', db.url, '--month', '2026-09');
    expect([quiet.code, quiet.out.trim()]).toEqual([0, '2026-09 还没有导入任何申报包']);

    const out = join(tmp, '审核汇总.xlsx');
    const exported = await canteen('office', 'export', '--db', db.url, '--month', '2026-10', '--xlsx', out);
    expect(exported.code).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(out)))))).toContain('xl/workbook.xml');
  });

  it('bad input: a clear Chinese message, exit 2, nothing written', async () => {
    // Started together: each is a Node process, and they write nothing.
    const [badMonth, noDb, unreachable, badKey, nobody, missing] = await Promise.all([
      canteen('office', 'review', '--db', db.url, '--month', '2026-13'),
      canteen('office', 'import', folder),
      canteen('office', 'review', '--db', 'postgres://nobody:x@127.0.0.1:1/none', '--month', '2026-10'),
      canteen('office', 'canteen', '--db', db.url, '--code', 'ZC-003', '--name', '新塘', '--key', 'abc', '--by', '张敏'),
      canteen('office', 'canteen', '--db', db.url, '--code', 'ZC-003', '--name', '新塘', '--key', licheng.key.info.key, '--by', ' '),
      canteen('office', 'export', '--db', db.url, '--month', '2026-10', '--xlsx', join(tmp, 'x.txt')),
    ]);
    expect([badMonth.code, badMonth.err.trim()]).toEqual([2, '错误：--month 应为 YYYY-MM，例如 2026-10（收到：2026-13）']);
    expect([noDb.code, noDb.err]).toEqual([2, expect.stringContaining('缺少 --db')]);
    expect([unreachable.code, unreachable.err]).toEqual([2, expect.stringContaining('无法连接 PostgreSQL 服务器')]);
    expect([badKey.code, badKey.err.trim()]).toEqual([2, '错误：公钥格式不对：应为食堂“设置 › 签名密钥”中显示的 44 个字符']);
    expect([nobody.code, nobody.err]).toEqual([2, expect.stringContaining('经办人')]);
    expect([missing.code, existsSync(join(tmp, 'x.txt'))]).toEqual([2, false]);
    const count = await db.pool.query('SELECT count(*)::int AS n FROM office_canteens');
    expect(count.rows[0].n).toBe(2);
  });
});
