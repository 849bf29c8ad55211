import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CategoryCodeSchema, FenSchema, InstantSchema, LocalDateSchema } from './atoms';
import { formatIssuePath, validate } from './validation';

describe('validate', () => {
  const schema = z.strictObject({ rules: z.array(z.strictObject({ amountFen: FenSchema, on: LocalDateSchema })) });

  it('returns the parsed value when valid', () => {
    expect(validate(schema, { rules: [{ amountFen: 300, on: '2026-03-02' }] })).toEqual({
      ok: true,
      value: { rules: [{ amountFen: 300, on: '2026-03-02' }] },
    });
  });
  it('reports issues in Chinese with readable paths', () => {
    const r = validate(schema, { rules: [{ amountFen: 3.5, on: '2026-02-30' }], extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toContainEqual({ path: 'rules[0].amountFen', message: '金额必须是整数分（例如 3 元写 300）' });
      expect(r.issues).toContainEqual({ path: 'rules[0].on', message: '日期应为 YYYY-MM-DD 格式的真实日期' });
      expect(r.issues.find((i) => i.path === '（根）')?.message).toMatch(/未知的键/);
    }
  });
  it('points authors from a Chinese category label to its code', () => {
    expect(validate(CategoryCodeSchema, '低保对象')).toEqual({ ok: false, issues: [{ path: '（根）', message: '人员类别要写代码：“低保对象”应写为 dibao' }] });
    expect(validate(CategoryCodeSchema, 'rich')).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/^未知的人员类别“rich”，可用：basic_care、/) }] });
  });
  it('checks instants', () => {
    expect(InstantSchema.safeParse('2026-03-02T11:45:00+08:00').success).toBe(true);
    expect(InstantSchema.safeParse('2026-03-02 11:45').success).toBe(false);
  });
  it('formats paths', () => {
    expect(formatIssuePath(['a', 0, 'b'])).toBe('a[0].b');
    expect(formatIssuePath([])).toBe('（根）');
  });
});
