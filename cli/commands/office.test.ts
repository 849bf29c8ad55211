// `canteen office …` as office IT staff run it: a child process against the test run's PostgreSQL.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../postgres/test-database';
import { WANG, LI, aCanteen, aKey, claimOf, meals, packageOf, zengcheng } from '../../shared/office/test-packages';
import { signPolicy } from '../../shared/policy/issued-policy';
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
// The office's policy files: a folder with the version it signed, the same version plain, and a signed file altered after signing.
const office = await aKey();
const signed = await signPolicy(zengcheng, { name: '荔城街道办事处', publicKey: office.info }, '2026-01-01T09:00:00+08:00', office.sign);
const policies = join(tmp, '政策');
mkdirSync(policies);
writeFileSync(join(policies, 'zengcheng.signed.json'), JSON.stringify(signed));
writeFileSync(join(tmp, 'zengcheng.json'), JSON.stringify(zengcheng));
writeFileSync(join(tmp, 'altered.signed.json'), JSON.stringify({ ...signed, issuedAt: '2026-01-02T09:00:00+08:00' }));

let db: TestDatabase;
beforeAll(async () => (db = await freshDatabase()));
afterAll(() => db.drop());

describe('canteen office', () => {
  it('registers canteens, imports a folder idempotently, reviews a month (saying while no policy is issued), issues policy files once and exports its workbook', async () => {
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
    expect(review.out).toContain('（未用 office policies 登记街道发布的政策，按申报包所附政策重算）');

    const issued = await canteen('office', 'policies', '--db', db.url, '--by', '张敏', policies);
    expect(issued.code).toBe(0);
    expect(issued.out).toMatch(
      new RegExp(`✓ zengcheng\\.signed\\.json：增城区长者饭堂助餐配餐补贴（2020）（guangzhou-zengcheng-2020@[0-9a-f]{12}），[0-9-]+ 起.*，荔城街道办事处 签发（指纹 ${office.info.fingerprint}）：已登记为街道发布的版本`),
    );
    expect(issued.out).toContain('合计：1 个政策文件，新登记 1 个，已有 0 个；已按街道发布的政策重新核对全部申报包');
    const [same, altered] = await Promise.all([
      canteen('office', 'policies', '--db', db.url, '--by', '李华', join(tmp, 'zengcheng.json')),
      canteen('office', 'policies', '--db', db.url, '--by', '李华', join(tmp, 'zengcheng.json'), join(tmp, 'altered.signed.json')),
    ]);
    expect([same.code, same.out]).toEqual([0, expect.stringContaining('合计：1 个政策文件，新登记 0 个，已有 1 个')]);
    expect(same.out).toContain('= zengcheng.json：');
    expect([altered.code, altered.err.trim()]).toEqual([2, '错误：altered.signed.json 不是有效的政策文件，未登记任何政策：签名验证失败：政策文件在签发后被改动过']);
    const issuedRows = (await db.pool.query('SELECT file_name, issued_by, signer_fingerprint FROM office_policies')).rows;
    expect(issuedRows).toEqual([{ file_name: 'zengcheng.signed.json', issued_by: '张敏', signer_fingerprint: office.info.fingerprint }]);
    const priced = await canteen('office', 'review', '--db', db.url, '--month', '2026-10');
    expect(priced.out).toContain('! 荔城街长者饭堂（ZC-001）第 1 版：净申报 ¥20.00；疑点 1 笔 ¥9.00（待审 1 笔）；可核准 ¥11.00');
    expect(priced.out).not.toContain('未用 office policies');

    const quiet = await canteen('office', 'review', '--db', db.url, '--month', '2026-09');
    expect([quiet.code, quiet.out.trim()]).toEqual([0, '2026-09 还没有导入任何申报包']);

    const out = join(tmp, '审核汇总.xlsx');
    const exported = await canteen('office', 'export', '--db', db.url, '--month', '2026-10', '--xlsx', out);
    expect(exported.code).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(out)))))).toContain('xl/workbook.xml');
  });

  it('bad input: a clear Chinese message, exit 2, nothing written', async () => {
    // Started together: each is a Node process, and they write nothing.
    const [badMonth, noDb, unreachable, badKey, nobody, missing, policyByNobody, noPolicy] = await Promise.all([
      canteen('office', 'review', '--db', db.url, '--month', '2026-13'),
      canteen('office', 'import', folder),
      canteen('office', 'review', '--db', 'postgres://nobody:x@127.0.0.1:1/none', '--month', '2026-10'),
      canteen('office', 'canteen', '--db', db.url, '--code', 'ZC-003', '--name', '新塘', '--key', 'abc', '--by', '张敏'),
      canteen('office', 'canteen', '--db', db.url, '--code', 'ZC-003', '--name', '新塘', '--key', licheng.key.info.key, '--by', ' '),
      canteen('office', 'export', '--db', db.url, '--month', '2026-10', '--xlsx', join(tmp, 'x.txt')),
      canteen('office', 'policies', '--db', db.url, join(tmp, 'zengcheng.json')),
      canteen('office', 'policies', '--db', db.url, '--by', '张敏', join(tmp, 'nowhere.json')),
    ]);
    expect([badMonth.code, badMonth.err.trim()]).toEqual([2, '错误：--month 应为 YYYY-MM，例如 2026-10（收到：2026-13）']);
    expect([noDb.code, noDb.err]).toEqual([2, expect.stringContaining('缺少 --db')]);
    expect([unreachable.code, unreachable.err]).toEqual([2, expect.stringContaining('无法连接 PostgreSQL 服务器')]);
    expect([badKey.code, badKey.err.trim()]).toEqual([2, '错误：公钥格式不对：应为食堂“设置 › 签名密钥”中显示的 44 个字符']);
    expect([nobody.code, nobody.err]).toEqual([2, expect.stringContaining('经办人')]);
    expect([missing.code, existsSync(join(tmp, 'x.txt'))]).toEqual([2, false]);
    expect([policyByNobody.code, policyByNobody.err]).toEqual([2, expect.stringContaining('缺少 --by（经办人姓名）')]);
    expect([noPolicy.code, noPolicy.err]).toEqual([2, expect.stringContaining('找不到文件')]);
    const count = await db.pool.query('SELECT count(*)::int AS n FROM office_canteens');
    expect(count.rows[0].n).toBe(2);
  });
});
