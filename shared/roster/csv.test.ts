import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain lines with CRLF or LF, and drops a BOM', () => {
    expect(parseCsv('\ufeff姓名,身份证号\r\n张三,110\n李四,120\n')).toEqual([['姓名', '身份证号'], ['张三', '110'], ['李四', '120']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('"幸福路1号,2单元","他说""好""","第一行\r\n第二行",x')).toEqual([['幸福路1号,2单元', '他说"好"', '第一行\r\n第二行', 'x']]);
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(parseCsv('a,,c\n,,\nz')).toEqual([['a', '', 'c'], ['', '', ''], ['z']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('reads another separator', () => {
    expect(parseCsv('a\tb\n', '\t')).toEqual([['a', 'b']]);
  });
});
