import { describe, expect, it } from 'vitest';
import { latestDecisions, monthSummary, type Decision } from './approval';
import type { OfficeRoster } from './line-flags';
import { recomputedFen, reviewPackages, type PackageInput } from './review';
import { LI, WANG, aCanteen, anElder, anIdNumber, claimOf, meals, packageOf, withLines } from './test-packages';

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const ZHAO = anElder('r3', '赵桂兰', '1950-06-01');

const input = (id: string, claim: PackageInput['claim']): PackageInput => ({ id, claim });
const flagsOf = (reviews: ReturnType<typeof reviewPackages>, at: number) => reviews[at]!.findings.map((finding) => [finding.line.mealId, finding.flags.map((flag) => flag.kind)]);

describe('reviewPackages', () => {
  const october = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI], ['2026-10-09T17:40:00+08:00', WANG]]));
  const atZengjiang = claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:35:00+08:00', ZHAO]]));

  it('passes honest packages from two canteens, every line as claimed', () => {
    const reviews = reviewPackages([input('a', october), input('b', atZengjiang)]);
    expect(reviews.map((review) => [review.status, review.findings.length, review.totals.netClaimFen])).toEqual([
      ['current', 0, 2900],
      ['current', 0, 700],
    ]);
  });

  it('flags an elder whose ID number says 58, however old the canteen typed them', () => {
    const young = { ...anElder('r4', '孙建国', '1945-01-01'), idNumber: anIdNumber('1968-05-01', '131') };
    const claim = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', young]]));
    const [review] = reviewPackages([input('a', claim)]);
    expect(review!.findings).toHaveLength(1);
    expect(review!.findings[0]!.flags).toEqual([{ kind: 'age', message: '未满60周岁（58岁）：申报 ¥9.00，按政策重算 ¥0.00' }]);
  });

  it('flags a meal claimed at two canteens on both sides, and the limit the later one exceeds', () => {
    const twice = claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG]]));
    const reviews = reviewPackages([input('a', october), input('b', twice)]);
    expect(flagsOf(reviews, 0)).toEqual([['ZC-001-T1-1', ['duplicate_across']]]);
    expect(flagsOf(reviews, 1)).toEqual([['ZC-002-T1-1', ['limit_across', 'duplicate_across']]]);
    expect(reviews[0]!.findings[0]!.flags[0]!.message).toBe('王秀英 2026-10-08 午餐也在增江街长者饭堂（餐次编号 ZC-002-T1-1）申报');
    expect(reviews[1]!.findings[0]!.flags[0]!.message).toContain('（计入在荔城街长者饭堂的就餐）：申报 ¥9.00，按政策重算 ¥0.00');
    expect(reviews[1]!.totals).toMatchObject({ flaggedLines: 1, flaggedFen: 900 });
  });

  it('flags a meal claimed twice within one package, an invalid ID number and a counter override', () => {
    const [first, second] = october.lines;
    const copy = { ...first!, mealId: 'ZC-001-T1-9', servedAt: '2026-10-08T11:45:00+08:00', limitOverride: '老人忘带卡' };
    const broken = { ...second!, resident: { ...second!.resident, idNumber: `${LI.idNumber.slice(0, 17)}0` } };
    const claim = withLines(october, [first!, copy, broken, october.lines[2]!]);
    const [review] = reviewPackages([input('a', claim)]);
    expect(review!.findings.map((finding) => [finding.line.mealId, finding.flags.map((flag) => flag.kind)])).toEqual([
      ['ZC-001-T1-9', ['limit', 'duplicate']],
      ['ZC-001-T1-2', ['invalid_id']],
    ]);
    expect(review!.findings[0]!.flags[0]!.message).toContain('（柜台经理放行：老人忘带卡）');
    expect(review!.findings[1]!.flags[0]!.message).toMatch(/^440118\*{8}4410：号码校验不通过/);
  });

  it('counts only the latest revision of a canteen month and says what it replaced', async () => {
    const first = await packageOf(licheng, october);
    const second = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]]), { revision: 2, replaces: { revision: 1, manifestSha256: first.manifestSha256 } });
    const reviews = reviewPackages([input(first.manifestSha256, october), input('r2', second)]);
    expect(reviews.map((review) => [review.revision, review.status, review.notes.map((note) => note.kind)])).toEqual([
      [1, 'superseded', ['superseded']],
      [2, 'current', ['replaces']],
    ]);
    const summary = monthSummary(reviews, '2026-10', new Map());
    expect(summary.rows.map((row) => [row.revision, row.netClaimFen])).toEqual([[2, 900]]);
    // A revision naming another r1 than the one imported is said so.
    const other = reviewPackages([input('not-that-one', october), input('r2', second)]);
    expect(other[1]!.notes[0]!.kind).toBe('replaces_other');
  });

  it('judges against the office roster: deaths it records and people it does not know', () => {
    const roster: OfficeRoster = new Map([
      [WANG.idNumber, { idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'deceased', statusDate: '2026-10-09' }],
      [LI.idNumber, { idNumber: LI.idNumber, name: LI.name, categories: [{ code: 'dibao' }], status: 'active' }],
    ]);
    const reviews = reviewPackages([input('a', october), input('b', atZengjiang)], { roster });
    expect(flagsOf(reviews, 0)).toEqual([['ZC-001-T1-3', ['deceased']]]);
    expect(reviews[0]!.findings[0]!.flags[0]!.message).toBe('已身故（2026-10-09），不再享受补贴：申报 ¥9.00，按政策重算 ¥0.00');
    expect(flagsOf(reviews, 1)).toEqual([['ZC-002-T1-1', ['not_in_roster']]]);
    // 李 holds 低保 on the canteen's books but not on the office's list: the 1-yuan tier is not hers.
    const withoutDibao = new Map(roster).set(LI.idNumber, { idNumber: LI.idNumber, name: LI.name, categories: [], status: 'active' });
    expect(reviewPackages([input('a', october)], { roster: withoutDibao })[0]!.findings[0]!.flags.map((flag) => flag.kind)).toEqual(['category']);
  });
});

describe('monthSummary', () => {
  it('pays the claim less flagged lines rejected or undecided; the latest decision of a line wins', () => {
    const twice = claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG], ['2026-10-10T11:50:00+08:00', ZHAO]]));
    const october = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]]));
    const reviews = reviewPackages([input('a', october), input('b', twice)]);
    const decide = (packageId: string, verdict: Decision['verdict'], at: string): Decision => ({ packageId, mealId: packageId === 'a' ? 'ZC-001-T1-1' : 'ZC-002-T1-1', verdict, note: '核实', by: '街道', at });
    const decisions = latestDecisions([decide('a', 'reject', '2026-11-01T09:00:00+08:00'), decide('a', 'approve', '2026-11-01T10:00:00+08:00')]);
    const summary = monthSummary(reviews, '2026-10', decisions);
    expect(summary.rows.map((row) => [row.canteenCode, row.netClaimFen, row.flaggedFen, row.approvedFen, row.pendingFen, row.approvableFen])).toEqual([
      ['ZC-001', 900, 900, 900, 0, 900],
      ['ZC-002', 1600, 900, 0, 900, 700],
    ]);
    expect(summary.total).toMatchObject({ netClaimFen: 2500, approvableFen: 1600, pendingLines: 1 });
  });

  it('pays a line approved at the recomputed amount that much, and not the rest', () => {
    const honest = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]]));
    const over = withLines(honest, honest.lines.map((line) => ({ ...line, claimFen: line.claimFen + 200 })));
    const [review] = reviewPackages([input('a', over)]);
    expect(review!.findings[0]).toMatchObject({ officeFen: 900, line: { claimFen: 1100 } });
    expect(recomputedFen(review!.findings[0]!)).toBe(900);
    const decisions = latestDecisions([{ packageId: 'a', mealId: 'ZC-001-T1-1', verdict: 'approve', approvedFen: 900, note: '按政策', by: '周审核', at: '2026-11-01T09:00:00+08:00' }]);
    expect(monthSummary([review!], '2026-10', decisions).rows[0]).toMatchObject({ netClaimFen: 1100, approvedFen: 900, rejectedFen: 200, pendingFen: 0, approvableFen: 900 });
  });
});
