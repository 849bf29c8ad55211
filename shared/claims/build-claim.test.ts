import { describe, expect, it } from 'vitest';
import { buildClaim, voidFate } from './build-claim';
import { LI, WANG, aClosing, aHeader, aKey, aMeal, aVoid, books } from './test-fixtures';

const key = await aKey();

describe('buildClaim', () => {
  it('claims each subsidised meal of the month, in serving order, with every funder share and the totals', () => {
    const meals = [aMeal(2, '2026-10-09T11:40:00+08:00', LI), aMeal(1, '2026-10-08T11:30:00+08:00', WANG), aMeal(3, '2026-10-09T11:50:00+08:00', null), aMeal(4, '2026-11-02T11:30:00+08:00', WANG)];
    const claim = buildClaim(aHeader('2026-10', key.info), books(meals));
    expect(claim.lines.map((line) => line.mealId)).toEqual(['T1-1', 'T1-2']);
    // 12-yuan meal: 王 (81) pays 3, 李 (76, 低保) pays 1; city 3 + district 3 + township the rest.
    expect(claim.lines.map((line) => [line.resident.age, line.resident.categories, line.elderPaidFen, line.claimFen])).toEqual([
      [81, [], 300, 900],
      [76, ['dibao'], 100, 1100],
    ]);
    expect(claim.totals).toMatchObject({
      meals: 2,
      persons: 2,
      grossFen: 2400,
      claimFen: 2000,
      reversedFen: 0,
      netClaimFen: 2000,
      byFunder: [
        { funderId: 'city', amountFen: 600 },
        { funderId: 'district', amountFen: 600 },
        { funderId: 'township', amountFen: 800 },
      ],
    });
    expect(claim.policies.map((entry) => entry.policy.id)).toEqual(['guangzhou-zengcheng-2020']);
    expect(claim.lines[0]!.cashier).toBe('刘收银');
  });

  it('leaves out a meal voided before the month was closed; one voided after it stays in that revision', () => {
    const early = aMeal(1, '2026-10-08T11:30:00+08:00', WANG);
    const late = aMeal(2, '2026-10-09T11:30:00+08:00', LI);
    const ledger = books([early, late], [aVoid(3, early, '2026-10-08T12:00:00+08:00'), aVoid(5, late, '2026-11-03T09:00:00+08:00')], [aClosing(4, '2026-10')]);
    expect(buildClaim(aHeader('2026-10', key.info), ledger).lines.map((line) => line.mealId)).toEqual(['T1-2']);
  });

  it('takes back a meal voided after its claim by a new revision of its month, or by the next claim, whichever comes first', () => {
    const meal = aMeal(1, '2026-10-09T11:30:00+08:00', LI);
    const voided = aVoid(3, meal, '2026-11-03T09:00:00+08:00');
    const novemberMeal = aMeal(5, '2026-11-10T11:30:00+08:00', WANG);
    // October re-exported before November was claimed: revision 2 leaves the meal out, November reverses nothing.
    const rewritten = books([meal, novemberMeal], [voided], [aClosing(2, '2026-10'), aClosing(4, '2026-10', 2), aClosing(6, '2026-11')]);
    expect(buildClaim(aHeader('2026-10', key.info, { revision: 2 }), rewritten).lines).toEqual([]);
    expect(buildClaim(aHeader('2026-10', key.info, { revision: 1 }), rewritten).lines).toHaveLength(1);
    expect(buildClaim(aHeader('2026-11', key.info), rewritten).adjustments).toEqual([]);
    // November claimed first: November reverses it, and a later October revision still carries it.
    const reversed = books([meal, novemberMeal], [voided], [aClosing(2, '2026-10'), aClosing(6, '2026-11'), aClosing(7, '2026-10', 2)]);
    expect(buildClaim(aHeader('2026-11', key.info), reversed).adjustments.map((a) => a.mealId)).toEqual(['T1-1']);
    expect(buildClaim(aHeader('2026-10', key.info, { revision: 2 }), reversed).lines).toHaveLength(1);
  });

  it('leaves records after a revision\'s closing to later claims', () => {
    const ledger = books([aMeal(1, '2026-10-30T11:30:00+08:00', WANG), aMeal(3, '2026-10-31T11:30:00+08:00', LI)], [], [aClosing(2, '2026-10')]);
    expect(buildClaim(aHeader('2026-10', key.info), ledger).lines.map((line) => line.mealId)).toEqual(['T1-1']);
  });

  it('reverses a meal voided after its month was claimed in the next open month, naming the claim it was in', () => {
    const october = aMeal(1, '2026-10-09T11:30:00+08:00', LI);
    const ledger = books([october, aMeal(3, '2026-11-02T11:30:00+08:00', WANG)], [aVoid(4, october, '2026-11-05T10:00:00+08:00')], [aClosing(2, '2026-10')]);
    const november = buildClaim(aHeader('2026-11', key.info), { ...ledger, meals: ledger.meals.filter((meal) => meal.month === '2026-11') });
    expect(november.adjustments).toMatchObject([{ mealId: 'T1-1', originalMonth: '2026-10', originalRevision: 1, reversedFen: 1100, reason: '重复结账' }]);
    expect(november.totals).toMatchObject({ claimFen: 900, reversedFen: 1100, netClaimFen: -200, adjustments: 1 });
    expect(buildClaim(aHeader('2026-12', key.info), { ...ledger, meals: [] }).adjustments).toEqual([]);
  });

  it('puts a reversal in the first month still open when the void was recorded', () => {
    const closings = [aClosing(2, '2026-10'), aClosing(3, '2026-11', 1, '2026-12-02T09:00:00+08:00')];
    expect(voidFate({ month: '2026-10' }, { seq: 4 }, closings)).toEqual({ kind: 'reversed', month: '2026-12', originalRevision: 1 });
    expect(voidFate({ month: '2026-10' }, { seq: 1 }, closings)).toEqual({ kind: 'unclaimed' });
    expect(voidFate({ month: '2026-12' }, { seq: 9 }, closings)).toEqual({ kind: 'unclaimed' });
    expect(voidFate({ month: '2026-10' }, { seq: 9 }, [...closings, aClosing(5, '2026-10', 2)])).toEqual({ kind: 'reversed', month: '2026-12', originalRevision: 2 });
  });
});

describe('claim.json', () => {
  it('is built in key order throughout, so its canonical text is written by the engine directly', async () => {
    const { inCanonicalOrder } = await import('../ledger/canonical-json');
    const meal = aMeal(1, '2026-10-09T11:30:00+08:00', { ...LI, categories: [{ code: 'dibao', from: '2020-01-01', to: '2030-12-31' }] });
    const overridden = { ...aMeal(2, '2026-10-10T11:30:00+08:00', WANG), override: { managerId: 'm1', reason: '忘带卡' } };
    const claim = buildClaim(aHeader('2026-11', key.info, { revision: 2, replaces: { revision: 1, manifestSha256: 'c'.repeat(64) } }), {
      ...books([meal, overridden, aMeal(5, '2026-11-02T11:30:00+08:00', WANG)], [aVoid(4, meal, '2026-11-03T09:00:00+08:00')], [aClosing(3, '2026-10')]),
      meals: [aMeal(5, '2026-11-02T11:30:00+08:00', WANG)],
    });
    expect(claim.adjustments).toHaveLength(1);
    expect(inCanonicalOrder(claim)).toBe(true);
    expect(inCanonicalOrder(buildClaim(aHeader('2026-10', key.info), books([meal, overridden])))).toBe(true);
  });
});
