import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../test-database';
import { pullMaster, pushMaster } from './master-store';
import { hubDatabase } from './test-tills';

let hub: TestDatabase;
beforeAll(async () => (hub = await hubDatabase()));
afterAll(() => hub.drop());

const resident = (name: string) => ({ id: 'r1', name });

describe('master data on the hub', () => {
  it('versions every change in the order the hub took it; the latest wins and the audit keeps them all', async () => {
    const [created] = await pushMaster(hub.pool, { tillId: 'TA', changes: [{ kind: 'resident', id: 'r1', record: resident('王秀英'), baseVersion: null }] });
    expect(created).toMatchObject({ version: 1, overrode: null });
    // Two tills edit the same elder from version 1; the one the hub takes second is the one every till keeps.
    const [first, second] = await Promise.all([
      pushMaster(hub.pool, { tillId: 'TA', changes: [{ kind: 'resident', id: 'r1', record: resident('王秀英A'), baseVersion: 1 }] }),
      pushMaster(hub.pool, { tillId: 'TB', changes: [{ kind: 'resident', id: 'r1', record: resident('王秀英B'), baseVersion: 1 }] }),
    ]);
    const later = [first[0]!, second[0]!].sort((a, b) => b.version - a.version)[0]!;
    expect(later.overrode).not.toBeNull();
    const { records } = await pullMaster(hub.pool, 0);
    expect(records).toHaveLength(1);
    expect(records[0]!.version).toBe(later.version);
    expect(records[0]!.record.name).toBe(later === first[0] ? '王秀英A' : '王秀英B');
    const audit = await hub.pool.query('SELECT version, changed_by FROM master_audit ORDER BY version');
    expect(audit.rows.map((row) => Number(row.version))).toEqual([1, 2, 3]);
    await expect(hub.pool.query('DELETE FROM master_audit')).rejects.toThrow(/只能追加/);
  });

  it('hands a till only what changed after its version, in pages', async () => {
    await pushMaster(hub.pool, {
      tillId: 'TA',
      changes: ['m1', 'm2', 'm3'].map((id) => ({ kind: 'menuItem' as const, id, record: { id, name: id }, baseVersion: null })),
    });
    const page = await pullMaster(hub.pool, 3, 2);
    expect(page.records.map((record) => record.id)).toEqual(['m1', 'm2']);
    expect(page.more).toBe(true);
    expect((await pullMaster(hub.pool, page.records[1]!.version)).records.map((record) => record.id)).toEqual(['m3']);
  });
});
