// The command line's import verifies the next package while the one before is stored. A key pinned by the
// package stored just before is then not yet known to the next one's verification: the store must still hold
// the canteen to it, as the 街道 page's one-at-a-time import does.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as indexedStore from '../renderer/db/office-repository';
import { OfficeDB } from '../renderer/db/office-db';
import { writeClaimPackage } from '../shared/claims/claim-package';
import { WANG, LI, aCanteen, aKey, claimOf, meals, packageOf } from '../shared/office/test-packages';
import type { VerifiedFile } from '../shared/office/verify-files';
import * as pgStore from './office-store';
import { freshDatabase, type TestDatabase } from './test-database';

vi.setConfig({ testTimeout: 60_000 });

const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const genuine = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG]])));
// Signed by another key, its manifest copying the registered fingerprint.
const thief = await aKey();
const forged = await writeClaimPackage(
  { ...claimOf(zengjiang, '2026-11', meals(zengjiang, [['2026-11-02T11:30:00+08:00', WANG]])), publicKey: { ...thief.info, fingerprint: zengjiang.key.info.fingerprint } },
  thief.sign,
);
const other = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-09T11:40:00+08:00', LI]])));
const registrations = [
  { code: zengjiang.code, name: zengjiang.name, key: '', fingerprint: zengjiang.key.info.fingerprint },
  { code: licheng.code, name: licheng.name, key: licheng.key.info.key, fingerprint: '' },
];
const files = [
  { name: 'genuine.claim.zip', bytes: genuine.bytes },
  { name: 'forged.claim.zip', bytes: forged.bytes },
  { name: 'other.claim.zip', bytes: other.bytes },
  { name: 'genuine-again.claim.zip', bytes: genuine.bytes },
];

let db: TestDatabase;
let store: pgStore.OfficeStore;
beforeAll(async () => {
  db = await freshDatabase();
  store = await pgStore.openOfficeStore(db.url);
  for (const registration of registrations) await pgStore.registerCanteen(store, registration, '张敏');
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

const said = (result: VerifiedFile) => (result.ok ? `ok ${result.fileName}` : `✗ ${result.fileName}: ${result.problem.message}`);

describe('an import of many files', () => {
  it('holds a canteen to the key its package pinned just before, reads each file when it reaches it, and tells each file in order', async () => {
    const indexed = new OfficeDB('office-import-pipeline');
    for (const registration of registrations) await indexedStore.registerCanteen(indexed, registration);
    const expected = (await indexedStore.importPackageFiles(indexed, files)).files.map(said);
    expect(expected[1]).toBe('✗ forged.claim.zip: 签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的');

    const read: number[] = [];
    const told: string[] = [];
    const counts = await pgStore.importPackages(
      store,
      { count: files.length, read: (index) => (read.push(index), files[index]!) },
      '张敏',
      { onFile: (result, outcome, index) => told.push(`${index} ${outcome} ${said(result)}`) },
    );
    expect(told).toEqual(expected.map((text, index) => `${index} ${['imported', 'refused', 'imported', 'held'][index]} ${text}`));
    expect(counts).toEqual({ imported: 2, refused: 1, alreadyHeld: 1 });
    expect(read).toEqual([0, 1, 2, 3]);
    const held = await db.pool.query<{ canteen_code: string; month: string }>('SELECT canteen_code, month FROM office_packages ORDER BY canteen_code');
    expect(held.rows).toEqual([
      { canteen_code: 'ZC-001', month: '2026-10' },
      { canteen_code: 'ZC-002', month: '2026-10' },
    ]);
    expect((await pgStore.canteens(store)).find((canteen) => canteen.code === zengjiang.code)).toMatchObject({ publicKey: zengjiang.key.info.key });
  });
});
