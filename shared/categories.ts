// The vocabulary of resident categories. Policies and the ledger store the stable code; rosters
// and screens use the Chinese label. Policy files may only name codes listed here, so a typo in
// a policy fails validation instead of silently making nobody eligible.
import { toHalfWidth } from './text';

export const CATEGORIES = [
  { code: 'basic_care', label: '基本养老服务对象', aliases: ['基本养老服务保障对象', '养老助残卡', '老年卡'] },
  { code: 'tekun', label: '特困', aliases: ['特困人员', '特困供养', '特困供养人员', '五保'] },
  { code: 'dibao', label: '低保', aliases: ['低保对象', '低保户', '最低生活保障', '城乡低保'] },
  { code: 'dibao_edge', label: '低保边缘', aliases: ['低保边缘户', '低保边缘家庭'] },
  { code: 'low_income', label: '低收入', aliases: ['低收入家庭', '低收入人口'] },
  { code: 'youfu', label: '优抚', aliases: ['优抚对象', '重点优抚对象'] },
  { code: 'family_planning', label: '计生特殊家庭', aliases: ['计划生育特殊家庭', '计生特扶', '失独'] },
  { code: 'disabled_care', label: '失能', aliases: ['失能老人', '失能人员', '半失能'] },
  { code: 'severe_disability', label: '重度残疾', aliases: ['重残', '重度残疾人'] },
  { code: 'living_alone', label: '独居', aliases: ['独居老人'] },
  { code: 'empty_nest', label: '空巢', aliases: ['空巢老人'] },
  { code: 'left_behind', label: '留守', aliases: ['留守老人'] },
  { code: 'disability', label: '残疾', aliases: ['残疾人', '残疾老人'] },
  { code: 'centenarian', label: '百岁老人', aliases: ['百岁', '百岁以上老人'] },
] as const;

export type CategoryCode = (typeof CATEGORIES)[number]['code'];

export const CATEGORY_CODES = CATEGORIES.map((c) => c.code) as [CategoryCode, ...CategoryCode[]];

const LABELS = new Map<string, string>(CATEGORIES.map((c) => [c.code, c.label]));
const BY_LABEL = new Map<string, CategoryCode>();
for (const c of CATEGORIES) {
  for (const name of [c.label, c.code, ...c.aliases]) BY_LABEL.set(name, c.code);
}

/** Chinese label of a code; the code itself if unknown (old data should still display). */
export function categoryLabel(code: string): string {
  return LABELS.get(code) ?? code;
}

/** Code for a roster cell such as "低保" or "低保对象 "; undefined when not recognized. */
export function categoryByLabel(label: string): CategoryCode | undefined {
  return BY_LABEL.get(toHalfWidth(label).replace(/\s+/g, ''));
}
