import { describe, expect, it } from 'vitest';
import { EMPTY_CHAIN, linkRecord, verifyChain, type Chained } from './chain';

type Row = { id: string; fen: number } & Chained;

async function chainOf(count: number): Promise<Row[]> {
  const rows: Row[] = [];
  let head = EMPTY_CHAIN;
  for (let index = 0; index < count; index++) {
    const row = await linkRecord({ id: `m${index + 1}`, fen: 1000 + index }, head);
    rows.push(row);
    head = row;
  }
  return rows;
}
const asEntries = (rows: Row[]) => rows.map((record) => ({ table: 'meals', record }));

describe('hash chain', () => {
  it('verifies an intact chain and reports its head', async () => {
    const rows = await chainOf(5);
    const verdict = await verifyChain(asEntries(rows));
    expect(verdict).toEqual({ ok: true, count: 5, head: { seq: 5, hash: rows[4]!.hash } });
  });
  it('names the first edited record', async () => {
    const rows = await chainOf(5);
    rows[2] = { ...rows[2]!, fen: 1 };
    const verdict = await verifyChain(asEntries(rows));
    expect(verdict).toMatchObject({ ok: false, count: 2, broken: { seq: 3, id: 'm3', table: 'meals' } });
    expect(!verdict.ok && verdict.broken.reason).toContain('被改动');
  });
  it('names the record after a deleted one', async () => {
    const rows = await chainOf(5);
    rows.splice(1, 1);
    expect(await verifyChain(asEntries(rows))).toMatchObject({ ok: false, broken: { id: 'm3', seq: 3 } });
  });
  it('catches a record rewritten with a fresh hash, by the link of the next one', async () => {
    const rows = await chainOf(4);
    const forged = await linkRecord({ id: 'm2', fen: 1 }, { seq: 1, hash: rows[0]!.hash });
    rows[1] = forged;
    expect(await verifyChain(asEntries(rows))).toMatchObject({ ok: false, broken: { id: 'm3' } });
  });
});
