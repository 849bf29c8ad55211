import { describe, expect, it } from 'vitest';
import type { ResidentRecord } from '../ledger/records';
import { phoneDigits, queryKind, rosterIdKey, searchKey } from './normalize';
import { pinyinInitials } from './pinyin';
import { buildSearchIndex, findExact, searchRoster, type SearchIndex } from './roster-search';

let n = 0;
function resident(name: string, idNumber: string, extra: Partial<ResidentRecord> = {}): ResidentRecord {
  n++;
  return {
    id: `r${n}`,
    name,
    idKind: 'resident',
    idNumber,
    birthDate: '1949-12-31',
    categories: [],
    inCareHome: false,
    status: 'active',
    mealCards: [],
    createdAt: '2026-01-01T08:00:00+08:00',
    updatedAt: '2026-01-01T08:00:00+08:00',
    ...extra,
  };
}

const roster = [
  resident('张三', '11010519491231002X', { pinyinInitials: pinyinInitials('张三'), phone: '138-1234-5678' }),
  resident('张三丰', '110105194912310037', { pinyinInitials: pinyinInitials('张三丰'), mealCards: ['MC00012345'] }),
  resident('𠮷秀兰', '120101194001011009', { pinyinInitials: pinyinInitials('𠮷秀兰'), phone: '+86 139 0000 002x'.replace('x', '9') }),
  resident('单田芳', '320102195006151239', { pinyinInitials: pinyinInitials('单田芳'), status: 'deceased', statusDate: '2025-06-01' }),
  resident('李秀英', '44011819380214002X', { pinyinInitials: pinyinInitials('李秀英') }),
  // Stored before initials were: found by name and number, and by initials once they are computed.
  resident('赵四', '440118193802140034'),
  resident('阿依古丽·买买提', '650102195201011234', { pinyinInitials: pinyinInitials('阿依古丽·买买提') }),
];
const index = buildSearchIndex(roster);
const names = (typed: string, from: SearchIndex = index) => searchRoster(from, typed).hits.map((hit) => `${hit.resident.name}:${hit.match}`);

describe('normalization', () => {
  it('folds full-width, case, spaces and name dots', () => {
    expect(searchKey('ＺＳ')).toBe('zs');
    expect(searchKey(' 阿依古丽 · 买买提 ')).toBe('阿依古丽买买提');
    expect(searchKey('𠮷秀兰')).toBe('𠮷秀兰');
    expect(phoneDigits('+86 138-1234-5678')).toBe('13812345678');
    expect(rosterIdKey('110105491231002')).toBe('11010519491231002X');
    expect(rosterIdKey('11010519491231002x')).toBe('11010519491231002X');
    expect([queryKind(''), queryKind('002x'), queryKind('zs'), queryKind('张')]).toEqual(['empty', 'number', 'letters', 'text']);
  });
});

describe('searchRoster', () => {
  it('finds by name: the whole name first, then names that begin with it, then names that contain it', () => {
    expect(names('张三')).toEqual(['张三:name', '张三丰:name_prefix']);
    // Within a rank, shorter names first, then in code-point order.
    expect(names('秀')).toEqual(['李秀英:name_part', '𠮷秀兰:name_part']);
  });

  it('finds a name with a character outside the BMP, and one with no known pinyin, by the name itself', () => {
    expect(names('𠮷')).toEqual(['𠮷秀兰:name_prefix']);
    expect(names('𠮷秀兰')).toEqual(['𠮷秀兰:name']);
    expect(names('xl')).toEqual(['𠮷秀兰:initials']);
  });

  it('finds by pinyin initials, whole before prefix, and by other readings of a polyphonic surname', () => {
    expect(names('zs')).toEqual(['张三:initials', '张三丰:initials_prefix']);
    expect(names('ZSF')).toEqual(['张三丰:initials']);
    expect(names('stf')).toEqual(['单田芳:initials']);
    expect(names('dtf')).toEqual(['单田芳:initials']);
    expect(names('aygl')).toEqual(['阿依古丽·买买提:initials_prefix']);
    expect(names('阿依古丽买买提')).toEqual(['阿依古丽·买买提:name']);
  });

  it('finds residents stored without initials by name, and by initials once the index computes them', () => {
    expect(index.missingInitials).toBe(1);
    expect(names('zs')).not.toContain('赵四:initials');
    expect(names('赵')).toEqual(['赵四:name_prefix']);
    const filled = buildSearchIndex(roster, (r) => pinyinInitials(r.name));
    expect(filled.missingInitials).toBe(0);
    expect(names('zs', filled)).toEqual(['张三:initials', '赵四:initials', '张三丰:initials_prefix']);
  });

  it('finds by the last 4 of the ID number (x in either case) and of the phone number', () => {
    expect(names('002x')).toEqual(['张三:id_last4', '李秀英:id_last4']);
    expect(names('002X')).toEqual(['张三:id_last4', '李秀英:id_last4']);
    expect(names('5678')).toEqual(['张三:phone_last4']);
    expect(names('0029')).toEqual(['𠮷秀兰:phone_last4']);
    expect(names('１２３４')).toEqual(['阿依古丽·买买提:id_last4']);
  });

  it('finds by a whole ID number (18 or 15 digits), phone number or meal card, and by the start of an ID number', () => {
    expect(names('11010519491231002x')).toEqual(['张三:id']);
    expect(names('110105491231002')).toEqual(['张三:id']);
    expect(names('13812345678')).toEqual(['张三:phone']);
    expect(names('mc00012345')).toEqual(['张三丰:card']);
    expect(names('11010')).toEqual(['张三:id_prefix', '张三丰:id_prefix']);
    expect(names('123')).toEqual([]);
  });

  it('puts residents who moved away or died after active ones of the same rank', () => {
    const twins = buildSearchIndex([
      resident('王芳', '110105194001010011', { status: 'moved', pinyinInitials: 'wf' }),
      resident('王芳', '110105194001010029', { pinyinInitials: 'wf' }),
    ]);
    expect(searchRoster(twins, '王芳').hits.map((hit) => hit.resident.status)).toEqual(['active', 'moved']);
  });

  it('caps the results and counts them all', () => {
    const many = buildSearchIndex(Array.from({ length: 30 }, (_, i) => resident(`王${i}`, `1101051940010${String(1000 + i)}X`, { pinyinInitials: 'w' })));
    const result = searchRoster(many, 'w');
    expect(result.hits).toHaveLength(8);
    expect(result.total).toBe(30);
    expect(searchRoster(many, '').hits).toEqual([]);
  });
});

describe('findExact', () => {
  it('finds by ID number in any accepted spelling, and by meal card', () => {
    expect(findExact(index, ' 11010519491231002x ')?.resident.name).toBe('张三');
    expect(findExact(index, '１１０１０５４９１２３１００２')?.resident.name).toBe('张三');
    expect(findExact(index, 'MC00012345')).toMatchObject({ match: 'card', resident: { name: '张三丰' } });
    expect(findExact(index, '110105194912310045')).toBeUndefined();
  });
});
