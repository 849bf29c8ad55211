import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { Ledger, verifyLedger } from './ledger';
import { limitHistory } from './meals-repository';
import { declareVersions, LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaVersion } from './schema-versions';
import { aResident, aSale, voidAsVersion1 } from './test-fixtures';

/**
 * Data a database of each version holds, and what must be true of it after upgrading to the next.
 * Adding schema version N+1 means adding an entry for version N here: the test below insists.
 */
const FIXTURES: Record<number, { seed(db: CanteenDB): Promise<void>; check(db: CanteenDB): Promise<void> }> = {
  1: {
    async seed(db) {
      const resident = aResident({ id: 'fixture-resident', name: '张桂兰' });
      await db.residents.add(resident);
      const ledger = new Ledger(db, 'T1');
      await ledger.recordMeal(aSale(resident));
      await ledger.recordMeal(aSale(resident, '2026-03-03T11:45:00+08:00'));
      await ledger.recordMeal(aSale(null));
      await voidAsVersion1(db, 'T1-2', '2026-03-03T12:00:00+08:00');
    },
    async check(db) {
      expect((await db.residents.get('fixture-resident'))?.name).toBe('张桂兰');
      expect(await db.meals.count()).toBe(3);
      expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 4 });
      // Version 2 indexed the old void, so the limits leave the voided meal out.
      expect(await db.voidIndex.toArray()).toEqual([{ mealId: 'T1-2', residentId: 'fixture-resident', mealDate: '2026-03-03' }]);
      expect((await limitHistory(db, 'fixture-resident', '2026-03-04')).map((entry) => entry.date)).toEqual(['2026-03-02']);
    },
  },
  2: {
    async seed(db) {
      await db.residents.add(aResident({ id: 'fixture-resident', name: '李秀英' }));
      await new Ledger(db, 'T1').recordMeal(aSale(null));
    },
    async check(db) {
      expect((await db.residents.get('fixture-resident'))?.name).toBe('李秀英');
      expect(await db.meals.count()).toBe(1);
      // Version 3 adds the 关爱名单 contact marks, empty and writable.
      expect(await db.careContacts.count()).toBe(0);
      await db.careContacts.add({ id: 'c1', residentId: 'fixture-resident', at: '2026-03-04T10:00:00+08:00', by: 'm1', note: '已电话联系' });
      expect(await db.careContacts.where('residentId').equals('fixture-resident').count()).toBe(1);
    },
  },
  3: {
    async seed(db) {
      await new Ledger(db, 'T1').recordMeal(aSale(null));
    },
    async check(db) {
      expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 1 });
      // Version 4 adds the other tills' records pulled from the hub, empty and kept apart from the books.
      expect(await db.hubRecords.count()).toBe(0);
      expect(await db.syncState.count()).toBe(0);
    },
  },
  4: {
    async seed(db) {
      await db.settings.bulkAdd([
        { key: 'claims.signingKey', value: { publicKey: { algorithm: 'Ed25519', key: 'AAAA', fingerprint: 'AAAA' }, sealedPrivateKey: 'c2VhbGVk', createdAt: '2026-01-01T08:00:00+08:00' } },
        { key: 'canteen', value: { code: 'TJ-007', name: '和平里长者食堂', subdistrict: '', community: '', areaCode: '' } },
      ]);
      await db.cashiers.add({ id: 'p1', name: '刘经理', role: 'manager', pin: { salt: '00', hash: '11', iterations: 210_000 }, failedAttempts: 0, lockedUntil: '2026-03-02T11:05:00+08:00', active: true });
      await new Ledger(db, 'T1').recordMeal(aSale(null));
    },
    async check(db) {
      // Version 5 drops the sealed private key from the books, and wall-clock locks; nothing else changes.
      expect(await db.settings.get('claims.signingKey')).toBeUndefined();
      expect(JSON.stringify(await db.settings.toArray())).not.toContain('sealedPrivateKey');
      expect((await db.settings.get('canteen'))?.value).toMatchObject({ code: 'TJ-007' });
      expect(await db.cashiers.get('p1')).toEqual({ id: 'p1', name: '刘经理', role: 'manager', pin: { salt: '00', hash: '11', iterations: 210_000 }, failedAttempts: 0, active: true });
      expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 1 });
    },
  },
};

describe('schema versions', () => {
  it('are numbered 1, 2, 3… with no gaps, and a shuffled list is refused loudly', () => {
    expect(SCHEMA_VERSIONS.map((entry) => entry.version)).toEqual(SCHEMA_VERSIONS.map((_, index) => index + 1));
    const shuffled: SchemaVersion[] = [{ version: 2, stores: {} }, { version: 1, stores: {} }];
    expect(() => declareVersions(new Dexie('shuffled'), shuffled)).toThrow(/连续递增/);
  });

  it('open a fresh database at the latest version', async () => {
    const db = new CanteenDB('fresh-schema');
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  for (const { version } of SCHEMA_VERSIONS.slice(1)) {
    it(`upgrade version ${version - 1} to ${version} with the data intact`, async () => {
      const fixture = FIXTURES[version - 1];
      expect(fixture, `schema-versions.test.ts needs a fixture for version ${version - 1}`).toBeDefined();
      const name = `upgrade-${version}`;
      const old = new CanteenDB(name, SCHEMA_VERSIONS.slice(0, version - 1));
      await fixture!.seed(old);
      old.close();
      const upgraded = new CanteenDB(name, SCHEMA_VERSIONS.slice(0, version));
      await fixture!.check(upgraded);
      upgraded.close();
    });
  }

  it('keep a fixture for every version that has one after it', () => {
    for (const { version } of SCHEMA_VERSIONS.slice(0, -1)) expect(FIXTURES[version]).toBeDefined();
  });
});
