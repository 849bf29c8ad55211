// The office's checks tried as a dishonest canteen and as an outsider would, on packages made with the till's
// own code (test-packages.ts) and then edited and signed again: one test per attack, each failing if its check
// goes. Everything goes through checkPackages, the one entry every office store calls.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildClaim } from '../claims/build-claim';
import type { Claim, ClaimLine } from '../claims/claim-schema';
import { writeClaimPackage } from '../claims/claim-package';
import { detailCsvRows, detailRows } from '../claims/claim-tables';
import { aHeader, aKey, policyRecord, zengcheng } from '../claims/test-fixtures';
import { toCsv } from '../files/csv-writer';
import { deflateBomb, rawZip } from '../files/test-zip';
import { writeXlsx } from '../files/xlsx-writer';
import { utf8 } from '../files/utf8';
import { policyHash, type IssuedPolicy } from '../policy/issued-policy';
import { PolicySchema } from '../policy/schema';
import { latestDecisions, monthSummary } from './approval';
import { checkPackages, type OfficeCheckInput } from './check-packages';
import { claimSheets } from '../claims/claim-tables';
import { LI, WANG, aCanteen, aPolicyRecord, anElder, anIdNumber, claimOf, generousZengcheng, meals, packageOf, resigned, withLines } from './test-packages';
import type { PackageFile } from './verify-files';

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const issued: IssuedPolicy[] = [{ hash: await policyHash(zengcheng), policy: zengcheng, issuedAt: '2026-01-01T08:00:00+08:00' }];
const byKey = (code: string) => (code === licheng.code ? { key: licheng.key.info.key } : code === zengjiang.code ? { fingerprint: zengjiang.key.info.fingerprint } : undefined);

const lunches = (canteen = licheng) => claimOf(canteen, '2026-10', meals(canteen, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]]));
const file = (bytes: Uint8Array, name = 'x.claim.zip'): PackageFile => ({ name, bytes });

async function check(files: PackageFile[], more: Partial<OfficeCheckInput> = {}) {
  return checkPackages({ files, keyOf: byKey, policies: issued, ...more });
}
const refusal = async (bytes: Uint8Array, more: Partial<OfficeCheckInput> = {}) => {
  const [result] = (await check([file(bytes)], more)).files;
  return result!.ok ? 'accepted' : result!.problem.message;
};
/** Every flagged line's meal id and flag kinds, package by package. */
const flagsOf = async (claims: Claim[], more: Partial<OfficeCheckInput> = {}) => {
  const written = await Promise.all(claims.map((claim) => writeClaimPackage(claim, (claim.canteen.code === licheng.code ? licheng : zengjiang).key.sign)));
  const result = await check(
    written.map((entry) => file(entry.bytes, entry.fileName)),
    more,
  );
  for (const entry of result.files) if (!entry.ok) throw new Error(entry.problem.message);
  return result.reviews.map((review) => review.findings.map((finding) => [finding.line.mealId, finding.flags.map((flag) => flag.kind)]));
};

describe('keys: the fingerprint is the key’s own', () => {
  it('refuses a package signed by another key whose manifest copies the registered fingerprint', async () => {
    const thief = await aKey();
    const claim = { ...lunches(zengjiang), publicKey: { ...thief.info, fingerprint: zengjiang.key.info.fingerprint } };
    const forged = await writeClaimPackage(claim, thief.sign);
    expect(await refusal(forged.bytes)).toMatch(/^签名公钥的指纹（.+）与登记的指纹不一致/);
  });

  it('pins the key of a canteen registered by fingerprint at its first package, and compares keys from then on', async () => {
    const first = await packageOf(zengjiang, lunches(zengjiang));
    const november = await packageOf(zengjiang, claimOf(zengjiang, '2026-11', meals(zengjiang, [['2026-11-02T11:30:00+08:00', WANG]])));
    const result = await check([file(first.bytes), file(november.bytes)]);
    expect(result.pins).toEqual([{ canteenCode: 'ZC-002', key: zengjiang.key.info.key, fingerprint: zengjiang.key.info.fingerprint }]);
    // Once pinned, the store registers the key itself: another key is refused whatever its fingerprint says.
    const thief = await aKey();
    const forged = await writeClaimPackage({ ...claimOf(zengjiang, '2026-12', meals(zengjiang, [['2026-12-02T11:30:00+08:00', WANG]])), publicKey: { ...thief.info, fingerprint: zengjiang.key.info.fingerprint } }, thief.sign);
    expect(await refusal(forged.bytes, { keyOf: (code) => (code === 'ZC-002' ? { key: result.pins[0]!.key, fingerprint: zengjiang.key.info.fingerprint } : undefined) })).toContain('签名公钥与街道登记的该食堂公钥不一致');
  });
});

describe('policies: the office’s own versions count', () => {
  const generous = generousZengcheng;
  const fifty = { ...anElder('r6', '钱五十', '1975-03-01'), idNumber: anIdNumber('1975-03-01', '151') };

  it('prices a generous embedded version (same id and name) by the issued one, flagging it with the office’s amount', async () => {
    const claim = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:30:00+08:00', fifty]], [generous]), {}, [await aPolicyRecord(generous)]);
    expect(claim.totals.claimFen).toBe(2400);
    const written = await packageOf(licheng, claim);
    const { reviews } = await check([file(written.bytes)]);
    const findings = reviews[0]!.findings.map((finding) => [finding.line.mealId, finding.flags.map((flag) => flag.kind), finding.officeFen]);
    expect(findings).toEqual([
      ['ZC-001-T1-1', ['unissued_policy'], 900],
      ['ZC-001-T1-2', ['unissued_policy', 'age'], 0],
    ]);
    expect(reviews[0]!.findings[0]!.flags[0]!.message).toMatch(/^政策“增城区长者饭堂助餐配餐补贴（2020）”的这一版本（guangzhou-zengcheng-2020@[0-9a-f]{12}）不是街道发布的：申报 ¥12\.00，按街道发布的政策计 ¥9\.00$/);
    // Without the office's versions the recompute agrees with the fraud: that is what the registry is for.
    expect((await check([file(written.bytes)], { policies: undefined })).reviews[0]!.findings).toEqual([]);
  });

  it('flags an invented extra policy the office never issued', async () => {
    const extra = PolicySchema.parse({
      format: 'canteen-policy/1',
      id: 'tibiao-2026',
      name: '提标补贴',
      issuer: '荔城街长者饭堂',
      effectiveFrom: '2026-01-01',
      mealPeriods: [{ id: 'lunch' }, { id: 'dinner' }],
      funders: [{ id: 'district', name: '增城区财政', claimable: true }],
      groups: [{ id: 'extra', name: '提标', type: 'subsidy', combine: 'highest' }],
      rules: [{ id: 'all', name: '提标补贴', group: 'extra', tiers: [{ minAge: 60, benefit: { kind: 'fixed', amountFen: 100 } }], funding: [{ funder: 'district', remainder: true }] }],
    });
    const claim = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]], [zengcheng, extra]), {}, [policyRecord, await aPolicyRecord(extra)]);
    expect(claim.totals.claimFen).toBe(1000);
    const { reviews } = await check([file((await packageOf(licheng, claim)).bytes)]);
    expect(reviews[0]!.findings[0]!.flags.map((flag) => flag.message)).toEqual([expect.stringMatching(/^政策“提标补贴”的这一版本（tibiao-2026@[0-9a-f]{12}）不是街道发布的：申报 ¥10\.00，按街道发布的政策计 ¥9\.00$/)]);
  });

  it('passes a package priced by exactly the issued version', async () => {
    expect(await flagsOf([lunches()])).toEqual([[]]);
  });
});

describe('one elder, one identity', () => {
  it('finds the same meal at two canteens when the ID is written in its 15-digit form under another kind', async () => {
    const old = WANG.idNumber.slice(0, 6) + WANG.idNumber.slice(8, 17);
    const elsewhere = claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', { ...WANG, idNumber: old }]]));
    const lines = elsewhere.lines.map((line) => ({ ...line, resident: { ...line.resident, idKind: 'resident_legacy15' as const } }));
    expect(await flagsOf([lunches(), withLines(elsewhere, lines)])).toEqual([
      [['ZC-001-T1-1', ['duplicate_across']]],
      [['ZC-002-T1-1', ['limit_across', 'duplicate_across']]],
    ]);
  });

  it('flags an ID kind that does not fit the number, and a lower-case x is the same person', async () => {
    const claim = lunches();
    const lines = [{ ...claim.lines[0]!, resident: { ...claim.lines[0]!.resident, idKind: 'hk_permit' as const } }, claim.lines[1]!];
    expect(await flagsOf([withLines(claim, lines)])).toEqual([[['ZC-001-T1-1', ['id_kind']]]]);
    const x = { ...anElder('r7', '孙小', '1950-01-01'), idNumber: '' };
    for (let seq = 100; !x.idNumber.endsWith('X'); seq++) x.idNumber = anIdNumber('1950-01-01', String(seq));
    const twice = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', x], ['2026-10-08T11:45:00+08:00', { ...x, idNumber: x.idNumber.toLowerCase() }]]));
    expect((await flagsOf([twice]))[0]!.map(([, kinds]) => kinds)).toEqual([['limit', 'duplicate']]);
  });
});

describe('lines must be possible', () => {
  const claim = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI], ['2026-10-10T11:40:00+08:00', WANG]]));
  const [a, b, c] = claim.lines as [ClaimLine, ClaimLine, ClaimLine];

  it('flags a date outside the month, after the export, or other than the meal’s China date', async () => {
    const lines = [
      { ...a, servedAt: '2026-09-30T11:30:00+08:00', date: '2026-09-30' },
      { ...b, servedAt: '2026-10-29T11:40:00+08:00', date: '2026-10-29' },
      { ...c, date: '2026-10-11' },
    ];
    const found = await flagsOf([withLines(claim, lines)]);
    expect(found[0]!.map(([mealId, kinds]) => [mealId, (kinds as string[]).filter((kind) => kind === 'line_date')])).toEqual([
      ['ZC-001-T1-1', ['line_date']],
      ['ZC-001-T1-2', ['line_date']],
      ['ZC-001-T1-3', ['line_date']],
    ]);
  });

  it('flags a lunch at 03:00, a lunch relabelled dinner, a meal id used twice and amounts that do not add up', async () => {
    const lines = [
      { ...a, servedAt: '2026-10-08T03:00:00+08:00' },
      { ...b, mealPeriod: 'dinner' as const },
      { ...c, mealId: a.mealId, elderPaidFen: c.elderPaidFen - 100 },
    ];
    expect(await flagsOf([withLines(claim, lines)])).toEqual([
      [
        ['ZC-001-T1-1', ['meal_period', 'meal_id']],
        ['ZC-001-T1-2', ['meal_period']],
        ['ZC-001-T1-1', ['arithmetic', 'meal_id']],
      ],
    ]);
  });
});

const honest = await packageOf(licheng, lunches());
const files = unzipSync(honest.bytes);

describe('zips read defensively', () => {
  const bomb = deflateBomb(2 ** 31);
  const withBomb = (size: number) =>
    rawZip([
      { name: 'claim.json', deflated: bomb.deflated, size },
      { name: 'claim.xlsx', content: files['claim.xlsx']! },
      { name: 'claim.csv', content: files['claim.csv']! },
      { name: 'manifest.json', content: files['manifest.json']! },
    ]);

  it('refuses a bomb from its directory, or the moment it outgrows what the directory said, in well under a second', async () => {
    for (const size of [bomb.size, 1000, files['claim.json']!.length]) {
      const started = performance.now();
      expect(await refusal(withBomb(size))).toMatch(/过大|大小与签名清单不符|校验值/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('refuses a bomb signed by the canteen itself: beyond what its rows can hold at once, else the moment it outgrows its signed size', async () => {
    const signedBomb = async (size: number) => {
      const signed = await resigned(licheng, honest.bytes, {}, (manifest) => ({ ...manifest, files: manifest.files.map((entry) => (entry.name === 'claim.json' ? { ...entry, bytes: size } : entry)) }));
      return rawZip([
        { name: 'claim.json', deflated: bomb.deflated, size },
        { name: 'claim.xlsx', content: files['claim.xlsx']! },
        { name: 'claim.csv', content: files['claim.csv']! },
        { name: 'manifest.json', content: unzipSync(signed)['manifest.json']! },
      ]);
    };
    expect(await refusal(await signedBomb(50_000_000))).toContain('claim.json 有 50000000 字节，2 笔明细最多应有 2162688 字节');
    expect(await refusal(await signedBomb(2_000_000))).toContain('解压后比目录所说的 2000000 字节更大');
  }, 30_000);

  it('refuses a signed claim.json that is not UTF-8, or whose escape swallows a character, and reads one with a byte order mark', async () => {
    const json = files['claim.json']!;
    const name = strToU8('王秀英');
    const at = json.findIndex((_, i) => name.every((byte, j) => json[i + j] === byte));
    const edited = (bytes: number[]) => new Uint8Array([...json.subarray(0, at), ...bytes, ...json.subarray(at + name.length)]);
    const signedWith = (claimJson: Uint8Array) => resigned(licheng, honest.bytes, { 'claim.json': claimJson });
    expect(await refusal(await signedWith(edited([0xe7, 0x8e, 0x8b, 0xff])))).toBe('claim.json 不是有效的 JSON');
    expect(await refusal(await signedWith(edited([0xe0, 0x9f, 0xbf])))).toBe('claim.json 不是有效的 JSON');
    expect(await refusal(await signedWith(edited([0x5c, ...name])))).toBe('claim.json 不是有效的 JSON');
    expect(await refusal(await signedWith(new Uint8Array([0xef, 0xbb, 0xbf, ...json])))).toBe('accepted');
  });

  it('refuses two entries of one name, the forged copy first', async () => {
    const forged = strToU8(new TextDecoder().decode(files['claim.csv']).replace('9.00', '19.00'));
    const zip = rawZip([
      { name: 'claim.csv', content: forged },
      ...Object.entries(files).map(([name, content]) => ({ name, content })),
    ]);
    expect(await refusal(zip)).toBe('申报包里有两个同名的 claim.csv：不同的软件可能读到不同的一份，已拒收');
  });
});

describe('what people read is what was signed', () => {
  const claim = lunches();

  it('refuses a claim.csv whose amount differs from claim.json, though signed', async () => {
    const csv = strToU8(new TextDecoder().decode(files['claim.csv']).replace(',9.00,', ',19.00,'));
    expect(await refusal(await resigned(licheng, honest.bytes, { 'claim.csv': csv }))).toBe('给人看的表格与 claim.json 不一致：claim.csv 第 2 行（ZC-001-T1-1）的“申报补贴（元）”是 19.00，claim.json 是 9');
  });

  it('refuses a claim.xlsx whose ID number, row count, total or fingerprint differs from claim.json', async () => {
    const sheets = (edit: (claim: Claim) => Claim, summaryEdit: (rows: unknown[][]) => unknown[][] = (rows) => rows) => {
      const shown = edit(claim);
      const [summary, ...rest] = claimSheets(shown, detailRows(shown));
      return writeXlsx([{ ...summary!, rows: summaryEdit(summary!.rows as unknown[][]) as never }, ...rest], claim.exportedAt);
    };
    const other = { ...claim.lines[0]!, resident: { ...claim.lines[0]!.resident, idNumber: anIdNumber('1944-01-01', '162') } };
    expect(await refusal(await resigned(licheng, honest.bytes, { 'claim.xlsx': sheets((c) => ({ ...c, lines: [other, c.lines[1]!] })) }))).toContain('claim.xlsx 明细表 第 2 行（ZC-001-T1-1）的“证件号码”');
    expect(await refusal(await resigned(licheng, honest.bytes, { 'claim.xlsx': sheets((c) => ({ ...c, lines: c.lines.slice(0, 1) })) }))).toContain('claim.xlsx 明细表 有 1 行明细，claim.json 有 2 笔');
    const total = (rows: unknown[][]) => rows.map((row) => (row[0] === '合计' ? ['合计', { fen: 99900 }, row[2], row[3]] : row));
    expect(await refusal(await resigned(licheng, honest.bytes, { 'claim.xlsx': sheets((c) => c, total) }))).toContain('汇总表的“合计”是 999');
    const fingerprint = (rows: unknown[][]) => rows.map((row) => (row[0] === '签名公钥指纹' ? ['签名公钥指纹', zengjiang.key.info.fingerprint] : row));
    expect(await refusal(await resigned(licheng, honest.bytes, { 'claim.xlsx': sheets((c) => c, fingerprint) }))).toContain('汇总表上的公钥指纹');
  });

  it('reads a CSV whose text cells were kept from being formulas (a leading apostrophe) as the same values', async () => {
    const named = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', { ...WANG, name: '=王秀英' }]]));
    const written = await packageOf(licheng, named);
    const rows = detailCsvRows(detailRows(named)).map((row) => row.map((cell) => (typeof cell === 'string' && cell.startsWith('=') ? `'${cell}` : cell)));
    expect(await refusal(await resigned(licheng, written.bytes, { 'claim.csv': utf8(toCsv(rows)) }))).toBe('accepted');
  });
});

describe('revisions', () => {
  it('holds a revision 2 that names no predecessor, or one the office never saw, until staff accept it', async () => {
    const first = await packageOf(licheng, lunches());
    const unnamed = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-09T11:40:00+08:00', LI]]), { revision: 2 }));
    const { reviews } = await check([file(first.bytes, 'r1.zip'), file(unnamed.bytes, 'r2.zip')]);
    expect(reviews.map((review) => [review.revision, review.status, review.held, review.notes.map((note) => note.kind)])).toEqual([
      [1, 'superseded', false, ['superseded']],
      [2, 'current', true, ['replaces_none']],
    ]);
    expect(monthSummary(reviews, '2026-10', new Map()).rows.map((row) => [row.netClaimFen, row.held, row.approvableFen])).toEqual([[1100, true, 0]]);
    const accepted = latestDecisions([{ packageId: reviews[1]!.id, mealId: '#revision', verdict: 'approve', note: '电话核实', by: '街道', at: '2026-11-05T09:00:00+08:00' }]);
    expect(monthSummary(reviews, '2026-10', accepted).rows.map((row) => [row.held, row.approvableFen])).toEqual([[false, 1100]]);

    const unseen = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-09T11:40:00+08:00', LI]]), { revision: 3, replaces: { revision: 2, manifestSha256: 'a'.repeat(64) } }));
    const alone = await check([file(unseen.bytes)]);
    expect(alone.reviews.map((review) => [review.held, review.notes.map((note) => note.kind)])).toEqual([[true, ['replaces_missing']]]);
  });
});

it('packages of today’s format from before ledgerHead still verify', async () => {
  const claim = buildClaim(aHeader('2026-10', licheng.key.info), { meals: [], voids: [], voidedMeals: new Map(), monthClosings: [], policies: [policyRecord], cashierNames: new Map() });
  const old = await writeClaimPackage(claim, licheng.key.sign);
  const current = await writeClaimPackage(claim, licheng.key.sign, undefined, { seq: 42, hash: 'b'.repeat(64) });
  expect([JSON.parse(new TextDecoder().decode(unzipSync(old.bytes)['manifest.json'])).schema, JSON.parse(new TextDecoder().decode(unzipSync(current.bytes)['manifest.json'])).ledgerHead]).toEqual([
    'canteen-claim-manifest/1',
    { seq: 42, hash: 'b'.repeat(64) },
  ]);
  expect(await refusal(old.bytes)).toBe('accepted');
  expect(await refusal(current.bytes)).toBe('accepted');
  // ledgerHead is signed: changing it breaks the signature.
  const files = unzipSync(current.bytes);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  manifest.ledgerHead.seq = 41;
  expect(await refusal(zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) }))).toContain('签名验证失败');
});
