import { describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../../shared/roster/columns';
import { columnOptions, previewRoster, remap } from './roster-preview';

const rows = [
  ['XX社区花名册', 'XX社区花名册', 'XX社区花名册'],
  ['序号', '老人姓名', '公民身份号码'],
  ['1', '张三', '11010519491231002x'],
  ['2', '', '11010519491231002X'],
];

describe('previewRoster', () => {
  it('checks the rows under the header with spreadsheet row numbers', () => {
    const { headerRow, mapping } = findHeaderRow(rows);
    const preview = previewRoster(rows, headerRow, mapping, new Set(), '2026-03-02');
    expect(preview.header).toEqual(['序号', '老人姓名', '公民身份号码']);
    expect(preview.firstRowNumber).toBe(3);
    expect(preview.validation.valid.map((row) => [row.rowNumber, row.name])).toEqual([[3, '张三']]);
    expect(preview.validation.bad.map((row) => [row.rowNumber, row.reasons])).toEqual([[4, ['缺少姓名', '证件号码与第 3 行（张三）重复：本行（无姓名）未导入']]]);
  });
});

describe('mapping', () => {
  it('moves a field to another column and frees the column for one field only', () => {
    expect(remap({ name: 1, idNumber: 2 }, 'name', 2)).toEqual({ name: 2 });
    expect(remap({ name: 1, idNumber: 2 }, 'phone', undefined)).toEqual({ name: 1, idNumber: 2 });
    expect(remap({ name: 1, idNumber: 2 }, 'name', undefined)).toEqual({ idNumber: 2 });
  });

  it('names each column by letter and header', () => {
    expect(columnOptions(['序号', '姓名'], 3)).toEqual([
      { value: 0, label: 'A 列：序号' },
      { value: 1, label: 'B 列：姓名' },
      { value: 2, label: 'C 列' },
    ]);
  });
});
