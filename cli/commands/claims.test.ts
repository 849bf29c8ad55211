// `canteen claims verify` as office IT staff run it: real packages made by the canteen side's code, written
// to a temporary folder, checked by a child process; its lines and exit codes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { aKey, zengcheng } from '../../shared/claims/test-fixtures';
import { sha256Hex } from '../../shared/ledger/chain';
import { LI, WANG, aCanteen, aPolicyRecord, anElder, anIdNumber, claimOf, generousZengcheng, meals, packageOf } from '../../shared/office/test-packages';
import { signPolicy } from '../../shared/policy/issued-policy';
import { InputError } from '../io';
import { runCanteen as canteen } from '../run-canteen';
import { claimsCommand } from './claims';

/** The command in this process, as main() runs it: for the checks that need no child process of their own. */
async function inProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (text: string) => (out += `${text}\n`), err: (text: string) => (err += `${text}\n`), today: '2026-11-05' };
  try {
    return { code: await claimsCommand.run(args.slice(1), io), out, err };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { code: 2, out, err: `错误：${e.message}\n` };
  }
}

vi.setConfig({ testTimeout: 60_000 });

const tmp = mkdtempSync(join(tmpdir(), 'canteen-claims-'));

const file = (name: string, bytes: Uint8Array) => {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
};

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]])));
const honest = file(october.fileName, october.bytes);
const other = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:30:00+08:00', anElder('r3', '赵桂兰', '1950-06-01')]])));
const otherHonest = file(other.fileName, other.bytes);

/** claim.json edited after signing, its hash in the manifest updated to match: only the signature can tell. */
async function editedAmount(): Promise<Uint8Array> {
  const files = unzipSync(october.bytes);
  const claim = JSON.parse(new TextDecoder().decode(files['claim.json']));
  claim.lines[0].claimFen += 500;
  claim.totals.claimFen += 500;
  const json = strToU8(JSON.stringify(claim));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  manifest.files[0] = { ...manifest.files[0], sha256: await sha256Hex(json), bytes: json.length };
  return zipSync({ ...files, 'claim.json': json, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}

describe.concurrent('canteen claims verify', () => {
  it('exits 0 for honest packages, with each package’s totals', async () => {
    const r = await canteen('claims', 'verify', honest, otherHonest, '--key', `ZC-001=${licheng.key.info.fingerprint}`, '--key', `ZC-002=${zengjiang.key.info.key}`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ ZC-001_2026-10_r1.claim.zip：荔城街长者饭堂（ZC-001）2026-10 第 1 版：有效，无疑点');
    expect(r.out).toContain('就餐 2 人次，2 人；申报补贴 ¥20.00，冲正 0 笔 ¥0.00，净申报 ¥20.00');
    expect(r.out).toContain('合计：2 个申报包，2 个有效，0 个拒收；疑点 0 笔（未用 --policies 核对街道发布的政策，按申报包所附政策重算）\n');
  });

  it('prices by the issued policies given (plain, signed, or a folder of them) and judges against the office roster', async () => {
    const policies = mkdtempSync(join(tmpdir(), 'canteen-policies-'));
    const office = await aKey();
    writeFileSync(join(policies, 'zengcheng.signed.json'), JSON.stringify(await signPolicy(zengcheng, { name: '荔城街道办事处', publicKey: office.info }, '2026-01-01T09:00:00+08:00', office.sign)));
    const plainFolder = mkdtempSync(join(tmpdir(), 'canteen-plain-'));
    const plain = join(plainFolder, 'plain.json');
    writeFileSync(plain, JSON.stringify(zengcheng));
    const keys = ['--key', `ZC-001=${licheng.key.info.fingerprint}`, '--key', `ZC-002=${zengjiang.key.info.key}`];
    // A canteen that embeds its own, more generous version of the policy.
    const generous = generousZengcheng;
    const own = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]], [generous]), {}, [await aPolicyRecord(generous)]));
    // The roster as the 街道 page reads it: 王秀英 is on it; 李𠮷 is not.
    const roster = join(plainFolder, '街道名册.csv');
    writeFileSync(roster, `\uFEFF姓名,身份证号码,人员类别\r\n${WANG.name},${WANG.idNumber},\r\n`);
    writeFileSync(join(plainFolder, 'broken.json'), '{"format":"canteen-policy-signed/1"}');

    const clean = await inProcess('claims', 'verify', ...keys, '--policies', policies, honest, otherHonest);
    const fraud = await inProcess('claims', 'verify', ...keys, '--policies', plain, file('generous.claim.zip', own.bytes));
    const judged = await inProcess('claims', 'verify', ...keys, '--policies', plain, '--roster', roster, honest);
    const none = await inProcess('claims', 'verify', '--policies', join(policies, 'none.json'), honest);
    const broken = await inProcess('claims', 'verify', '--policies', join(plainFolder, 'broken.json'), honest);
    expect([clean.code, clean.out.trim().split('\n').at(-1)]).toEqual([0, '合计：2 个申报包，2 个有效，0 个拒收；疑点 0 笔']);
    expect(fraud.code).toBe(1);
    expect(fraud.out).toMatch(/政策未经街道发布：政策“增城区长者饭堂助餐配餐补贴（2020）”的这一版本（guangzhou-zengcheng-2020@[0-9a-f]{12}）不是街道发布的：申报 ¥12\.00，按街道发布的政策计 ¥9\.00/);
    expect(judged.code).toBe(1);
    expect(judged.out).toContain('不在街道名册：街道名册中没有 李𠮷');
    expect(none.code).toBe(2);
    expect([broken.code, broken.err]).toEqual([2, expect.stringContaining('不是有效的政策文件')]);
  });

  it('exits 1 refusing an edited amount, a package without its manifest, and a truncated one, each with its reason', async () => {
    const { 'manifest.json': _manifest, ...unsigned } = unzipSync(october.bytes);
    const r = await canteen(
      'claims',
      'verify',
      file('edited.claim.zip', await editedAmount()),
      file('unsigned.claim.zip', zipSync(unsigned)),
      file('truncated.claim.zip', october.bytes.slice(0, october.bytes.length - 200)),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ edited.claim.zip：不通过（已拒收）：签名验证失败');
    expect(r.out).toContain('✗ unsigned.claim.zip：不通过（已拒收）：申报包缺少文件：manifest.json');
    expect(r.out).toContain('✗ truncated.claim.zip：不通过（已拒收）：文件不是完整的申报包（zip 无法打开');
  });

  it('exits 1 for a package signed by another canteen’s key than the one registered', async () => {
    const forged = await packageOf(zengjiang, { ...claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]])), publicKey: zengjiang.key.info });
    const r = await canteen('claims', 'verify', '--key', `ZC-001=${licheng.key.info.key}`, file('forged.claim.zip', forged.bytes));
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ forged.claim.zip：不通过（已拒收）：签名公钥与街道登记的该食堂公钥不一致');
  });

  it('exits 1 flagging a meal claimed at two canteens and an elder of 58', async () => {
    const young = { ...anElder('r4', '孙建国', '1945-01-01'), idNumber: anIdNumber('1968-05-01', '131') };
    const twice = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG], ['2026-10-12T11:50:00+08:00', young]])));
    const r = await canteen('claims', 'verify', honest, file('twice.claim.zip', twice.bytes));
    expect(r.code).toBe(1);
    expect(r.out).toContain('! twice.claim.zip：增江街长者饭堂（ZC-002）2026-10 第 1 版：有效，疑点 2 笔');
    expect(r.out).toMatch(/ZC-002-T1-1 2026-10-08 午餐 王秀英 440118\*{8}\d{3}[\dX] ¥9\.00：跨食堂超限：.*；跨食堂重复：王秀英 2026-10-08 午餐也在荔城街长者饭堂（餐次编号 ZC-001-T1-1）申报/);
    expect(r.out).toContain('ZC-002-T1-2 2026-10-12 午餐 孙建国 440118********131');
    expect(r.out).toContain('年龄不符：未满60周岁（58岁）：申报 ¥9.00，按政策重算 ¥0.00');
    expect(r.out).toContain('! ZC-001_2026-10_r1.claim.zip：荔城街长者饭堂（ZC-001）2026-10 第 1 版：有效，疑点 1 笔');
  });

  it('exits 2 on bad arguments or a file that is not there', async () => {
    expect((await canteen('claims', 'verify')).code).toBe(2);
    const runs = await Promise.all([
      inProcess('claims', 'check', honest),
      inProcess('claims', 'verify', '--key', 'ZC-001', honest),
      inProcess('claims', 'verify', '--policies', honest),
      inProcess('claims', 'verify', '--roster', join(tmp, 'nowhere.csv'), honest),
    ]);
    expect(runs.map((run) => run.code)).toEqual([2, 2, 2, 2]);
    const missing = await canteen('claims', 'verify', join(tmp, 'nowhere.claim.zip'));
    expect([missing.code, missing.err.trim()]).toEqual([2, `错误：找不到文件：${join(tmp, 'nowhere.claim.zip')}`]);
  });
});
