import { expect, it } from 'vitest';
import { officeRosterFromRows } from './office-roster';
import { reviewPackages } from './review';
import { LI, WANG, aCanteen, claimOf, meals } from './test-packages';

it('reads the subdistrict list below its title: categories, deaths and bad rows', () => {
  const rows = [
    ['荔城街道60周岁以上老年人名册', '', '', ''],
    ['姓名', '身份证号码', '人员类别', '身故日期'],
    [WANG.name, WANG.idNumber, '', '2026-10-09'],
    [LI.name, LI.idNumber, '低保', ''],
    ['张三', '110105194912310021', '', ''],
  ];
  const { people, bad } = officeRosterFromRows(rows, '2026-11-01');
  expect(people).toEqual([
    { idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'deceased', statusDate: '2026-10-09' },
    { idNumber: LI.idNumber, name: LI.name, categories: [{ code: 'dibao' }], status: 'active' },
  ]);
  expect(bad.map((row) => row.rowNumber)).toEqual([5]);
});

it('reads the optional hukou and residence areas and care-home column, and the review judges by them', async () => {
  const rows = [
    ['姓名', '身份证号码', '人员类别', '户籍地区代码', '居住地区代码', '是否入住养老机构', '户籍地址'],
    [WANG.name, WANG.idNumber, '', '440118102', '440118102', '否', '荔城街光明路1号'],
    [LI.name, LI.idNumber, '低保', '110105', '', '是', ''],
  ];
  const { people } = officeRosterFromRows(rows, '2026-11-01');
  expect(people).toEqual([
    { idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'active', hukouArea: '440118102', residenceArea: '440118102', inCareHome: false },
    { idNumber: LI.idNumber, name: LI.name, categories: [{ code: 'dibao' }], status: 'active', hukouArea: '110105', inCareHome: true },
  ]);
  // Zengcheng pays only to its own hukou: by the office's roster 李𠮷's hukou is in Beijing, whatever the canteen wrote.
  const canteen = await aCanteen('ZC-001', '荔城街长者饭堂');
  const claim = claimOf(canteen, '2026-10', meals(canteen, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]]));
  const [review] = reviewPackages([{ id: 'a', claim }], { roster: new Map(people.map((person) => [person.idNumber, person])) });
  expect(review!.findings.map((finding) => [finding.line.mealId, finding.officeFen])).toEqual([['ZC-001-T1-2', 0]]);
});

it('keeps an elder whose list has columns a canteen roster checks strictly: a place name for 户籍所在地, a long card number', () => {
  const rows = [
    ['姓名', '身份证号码', '户籍所在地', '户籍地区代码', '卡号', '养老机构'],
    [WANG.name, WANG.idNumber, '广州市增城区荔城街', '44', '62220202001122334455667788990011223344556677', '敬老院'],
  ];
  const { people, bad } = officeRosterFromRows(rows, '2026-11-01');
  expect(bad).toEqual([]);
  // Only a column naming an area code counts (2 to 12 digits); a care-home column says yes or no, else nothing.
  expect(people).toEqual([{ idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'active', hukouArea: '44' }]);
});
