import { expect, it } from 'vitest';
import { officeRosterFromRows } from './office-roster';
import { LI, WANG } from './test-packages';

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
