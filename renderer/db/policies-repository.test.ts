import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICIES } from '../../shared/policy/examples';
import { CanteenDB } from './canteen-db';
import { policiesForDate } from '../../shared/policy/versions';
import { checkPolicyFile, importPolicyFile } from './policies-repository';

const db = new CanteenDB('policies-test');

describe('importPolicyFile', () => {
  it('keeps a valid policy file once, however often it is imported, and audits it', async () => {
    const text = JSON.stringify(EXAMPLE_POLICIES.dandong);
    const first = await importPolicyFile(db, `\uFEFF${text}`, 'm1');
    expect(first).toMatchObject({ ok: true, alreadyImported: false, record: { key: expect.stringMatching(/@[0-9a-f]{12}$/) } });
    expect(await importPolicyFile(db, text, 'm1')).toMatchObject({ ok: true, alreadyImported: true });
    expect(await db.policies.count()).toBe(1);
    expect(await db.audit.where('action').equals('policy_import').count()).toBe(1);
  });
  it('keeps an edited version beside the first', async () => {
    const edited = { ...(EXAMPLE_POLICIES.dandong as object), effectiveFrom: '2026-01-01' };
    expect(await importPolicyFile(db, JSON.stringify(edited), 'm1')).toMatchObject({ ok: true, alreadyImported: false });
    expect(await db.policies.count()).toBe(2);
  });
  it('refuses a broken or invalid file in Chinese and stores nothing', async () => {
    const before = await db.policies.count();
    expect(await importPolicyFile(db, '{not json', 'm1')).toEqual({ ok: false, problems: [expect.stringContaining('不是有效的 JSON')] });
    const invalid = await importPolicyFile(db, JSON.stringify({ ...(EXAMPLE_POLICIES.dandong as object), effectiveFrom: '2026-02-30' }), 'm1');
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.problems.join()).toContain('effectiveFrom');
    expect(await db.policies.count()).toBe(before);
  });

  it('checks a file without writing: the version it would add, or the one already kept', async () => {
    const fresh = new CanteenDB('policies-check');
    const text = JSON.stringify(EXAMPLE_POLICIES.dandong);
    const before = await checkPolicyFile(fresh, text);
    expect(before).toMatchObject({ ok: true, key: expect.stringMatching(/@[0-9a-f]{12}$/) });
    expect(before.ok && before.existing).toBeUndefined();
    expect(await fresh.policies.count()).toBe(0);
    expect(await fresh.audit.count()).toBe(0);
    expect(await checkPolicyFile(fresh, '{not json')).toMatchObject({ ok: false });
    const imported = await importPolicyFile(fresh, text, 'manager-1', Date.parse('2026-03-02T09:00:00+08:00'), '导入政策');
    expect(imported.ok && imported.record.importedBy).toBe('manager-1');
    expect(await checkPolicyFile(fresh, text)).toMatchObject({ ok: true, existing: { key: before.ok ? before.key : '' } });
    expect(await fresh.audit.where('action').equals('policy_import').toArray()).toMatchObject([{ actorId: 'manager-1', details: { reason: '导入政策' } }]);
    fresh.close();
  });

  it('lets the later of two versions saved within one second price the meals', async () => {
    const fresh = new CanteenDB('policies-same-second');
    const base = EXAMPLE_POLICIES.dandong as object;
    const t = Date.parse('2026-03-02T09:00:00+08:00');
    await importPolicyFile(fresh, JSON.stringify({ ...base, name: '第一版' }), 'm1', t + 100);
    await importPolicyFile(fresh, JSON.stringify({ ...base, name: '第二版' }), 'm1', t + 900);
    expect(policiesForDate(await fresh.policies.toArray(), '2026-03-02').map((policy) => policy.name)).toEqual(['第二版']);
    fresh.close();
  });
});
