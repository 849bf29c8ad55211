// A line claimed above what the policy gives: the office approves the recomputed amount instead of all or
// nothing, and the decision names the office person who confirmed it with their PIN.
import { expect, test } from './fixtures/test';
import { testPackages } from './fixtures/office-packages';
import { OFFICE_PERSON, OfficePage } from './page-models/office-page';

test('the office approves a flagged line at the amount the policy gives, and names who decided', async ({ page }) => {
  test.slow();
  const { LI, WANG, aCanteen, claimOf, meals, packageOf, withLines } = await testPackages();
  const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
  const honest = claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]]));
  // LI's lunch claimed at ¥13.00 where the policy gives ¥11.00.
  const lines = honest.lines.map((line, index) => (index === 1 ? { ...line, claimFen: line.claimFen + 200 } : line));
  const october = await packageOf(licheng, withLines(honest, lines));

  const office = new OfficePage(page);
  await office.open();
  await office.addReviewer();
  await office.registerCanteen({ code: licheng.code, name: licheng.name, key: licheng.key.info.key });
  await office.importPackages([{ name: october.fileName, bytes: october.bytes }]);
  await expect(office.summaryRow('荔城街长者饭堂')).toContainText('1 笔 ¥13.00');
  await office.openFlagged('荔城街长者饭堂');
  const line = office.flaggedLine('ZC-001-T1-2');
  await expect(line).toContainText('重算 ¥11.00');

  // A decision without a note is refused, and nothing is recorded.
  await line.getByRole('button', { name: '按重算 ¥11.00 核准' }).click();
  await expect(line.getByRole('alert').or(line.locator('.error'))).toContainText('请写明核准的理由');
  await expect(line.getByTestId('office-verdict')).toHaveCount(0);

  await office.decide('ZC-001-T1-2', /^按重算 ¥11\.00 核准$/, '低保身份有效，按政策 11 元核准');
  await expect(line.getByTestId('office-verdict')).toHaveText(`按重算金额核准 ¥11.00：低保身份有效，按政策 11 元核准（${OFFICE_PERSON.name}）`);
  // WANG's ¥9.00 and LI's ¥11.00: the ¥2.00 over the policy is not paid.
  await expect(page.getByTestId('office-approvable-total')).toHaveText('¥20.00');
});
