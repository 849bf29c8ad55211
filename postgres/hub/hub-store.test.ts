import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../test-database';
import { pullEntries, pushEntries, verifyHubChains } from './hub-store';
import { aTill, elder, hubDatabase, sell } from './test-tills';

let hub: TestDatabase;
beforeAll(async () => (hub = await hubDatabase()));
afterAll(() => hub.drop());

const count = async (tillId: string) => Number((await hub.pool.query('SELECT count(*) AS n FROM chain_records WHERE till_id = $1', [tillId])).rows[0].n);

describe('push', () => {
  it('appends a till chain once, however often it arrives', async () => {
    const till = aTill('PA');
    await sell(till, 5, elder);
    const entries = await till.entries();
    expect(await pushEntries(hub.pool, { tillId: 'PA', entries })).toEqual({ ok: true, hubSeq: 5, added: 5 });
    expect(await pushEntries(hub.pool, { tillId: 'PA', entries })).toEqual({ ok: true, hubSeq: 5, added: 0 });
    // The same push racing itself (a retry sent before the first answer came back).
    await sell(till, 3);
    const more = await till.entries(5);
    // Four connections open first, so the four pushes really do run at once.
    await Promise.all(Array.from({ length: 4 }, () => hub.pool.query('SELECT pg_sleep(0.05)')));
    const raced = await Promise.all(Array.from({ length: 4 }, () => pushEntries(hub.pool, { tillId: 'PA', entries: more })));
    expect(raced.map((result) => result.ok && result.added).sort()).toEqual([0, 0, 0, 3]);
    expect(await count('PA')).toBe(8);
  });

  it('answers an interrupted push with where the hub stands, and takes the rest from there', async () => {
    const till = aTill('PB');
    await sell(till, 6);
    const entries = await till.entries();
    await pushEntries(hub.pool, { tillId: 'PB', entries: entries.slice(0, 2) });
    // The till thought records 1-4 went through (the answer was lost) and sends from 5.
    expect(await pushEntries(hub.pool, { tillId: 'PB', entries: entries.slice(4) })).toMatchObject({ ok: false, code: 'gap', hubSeq: 2 });
    expect(await pushEntries(hub.pool, { tillId: 'PB', entries: entries.slice(2) })).toEqual({ ok: true, hubSeq: 6, added: 4 });
    expect(await count('PB')).toBe(6);
  });

  it('refuses a record changed on the way, and a chain that forked, adding nothing', async () => {
    const till = aTill('PC');
    await sell(till, 2);
    const entries = await till.entries();
    const tampered = structuredClone(entries);
    (tampered[1]!.record as { subsidyFen: number }).subsidyFen += 100;
    expect(await pushEntries(hub.pool, { tillId: 'PC', entries: tampered })).toMatchObject({ ok: false, code: 'broken', hubSeq: 0 });
    expect(await count('PC')).toBe(0);
    await pushEntries(hub.pool, { tillId: 'PC', entries });
    // The same till id, restored from an older backup, sells on: its record 2 is another sale.
    const restored = aTill('PC');
    await sell(restored, 2, elder);
    expect(await pushEntries(hub.pool, { tillId: 'PC', entries: await restored.entries() })).toMatchObject({ ok: false, code: 'conflict', hubSeq: 2 });
    expect(await count('PC')).toBe(2);
  });
});

describe('pull', () => {
  it('hands each till the others records after its cursors, in pages, never its own', async () => {
    const [one, two] = [aTill('QA'), aTill('QB')];
    await sell(one, 7, elder);
    await sell(two, 4);
    await one.ledger.voidMeal({ mealId: 'QA-2', reason: '重复', managerId: 'm1' });
    await pushEntries(hub.pool, { tillId: 'QA', entries: await one.entries() });
    await pushEntries(hub.pool, { tillId: 'QB', entries: await two.entries() });

    const cursors = { PA: 8, PB: 6, PC: 2 };
    const page = await pullEntries(hub.pool, 'QB', cursors, 5);
    expect(page.more).toBe(true);
    expect(page.entries.map((item) => `${item.tillId}:${item.entry.record.seq}`)).toEqual(['QA:1', 'QA:2', 'QA:3', 'QA:4', 'QA:5']);
    const rest = await pullEntries(hub.pool, 'QB', { ...cursors, QA: 5 });
    expect(rest.more).toBe(false);
    expect(rest.entries.map((item) => [item.entry.kind, item.entry.record.seq])).toEqual([
      ['meal', 6],
      ['meal', 7],
      ['void', 8],
    ]);
    expect(await pullEntries(hub.pool, 'QB', { ...cursors, QA: 8 })).toEqual({ entries: [], more: false });
    // A replaced PC (a new till id) gets the whole canteen back, its old till's records included.
    const everything = await pullEntries(hub.pool, 'QNEW', {}, 10_000);
    expect(everything.entries.filter((item) => item.tillId === 'QB')).toHaveLength(4);
  });

  it('keeps every till chain on the hub verifiable on its own', async () => {
    const verdicts = await verifyHubChains(hub.pool);
    expect(Object.values(verdicts).every((verdict) => verdict.ok)).toBe(true);
    expect(verdicts.QA).toMatchObject({ ok: true, count: 8 });
  });
});
