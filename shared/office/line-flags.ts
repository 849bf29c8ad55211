// What the office flags on a claim line, and the office's own roster the flags may be judged against.
// A flagged line is not paid until office staff approve it with a note (see approval.ts).
import type { LocalDate } from '../china-time';
import type { ResidentCategory } from '../quote/types';

export const FLAG_LABELS = {
  invalid_id: '证件号码无效',
  age: '年龄不符',
  category: '类别不符',
  deceased: '身故后就餐',
  moved: '迁出后就餐',
  not_in_roster: '不在街道名册',
  duplicate: '包内重复',
  duplicate_across: '跨食堂重复',
  limit: '超出限额',
  limit_across: '跨食堂超限',
  recompute: '重算不符',
  unissued_policy: '政策未经街道发布',
  id_kind: '证件类型不符',
  line_date: '日期不符',
  meal_period: '餐次与时间不符',
  meal_id: '餐次编号重复',
  arithmetic: '金额对不上',
} as const;

export type FlagKind = keyof typeof FLAG_LABELS;
export const FLAG_KINDS = Object.keys(FLAG_LABELS) as FlagKind[];

export type LineFlag = { kind: FlagKind; message: string };

/** One elder on the subdistrict's own list: who exists, with which categories, and who has died or moved. */
export type OfficeRosterPerson = {
  /** Normalized ID number: the roster's key. */
  idNumber: string;
  name: string;
  categories: ResidentCategory[];
  status: 'active' | 'moved' | 'deceased';
  /** Died or moved on this date: no subsidy on or after it. */
  statusDate?: LocalDate;
  /** From the roster's optional columns: they replace what the package says of the elder. */
  hukouArea?: string;
  residenceArea?: string;
  inCareHome?: boolean;
};

export type OfficeRoster = ReadonlyMap<string, OfficeRosterPerson>;

export function flagsText(flags: readonly LineFlag[]): string {
  return flags.map((flag) => `${FLAG_LABELS[flag.kind]}：${flag.message}`).join('；');
}
