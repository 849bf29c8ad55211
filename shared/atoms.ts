// Zod schemas and Chinese labels for the small values every record uses, so the policy file,
// the quote and later the ledger and claim files validate them the same way.
import { z } from 'zod';
import { CATEGORY_CODES, categoryByLabel } from './categories';
import { isLocalDate, toChinaLocal } from './china-time';
import { MAX_INPUT_FEN } from './money';

export const LocalDateSchema = z.string().refine(isLocalDate, '日期应为 YYYY-MM-DD 格式的真实日期');

export const InstantSchema = z
  .string()
  .refine((s) => toChinaLocal(s) !== null, '时间应为带时区的 ISO-8601 格式，如 2026-03-02T11:45:00+08:00');

/** Non-negative integer fen, at most what one input may hold (¥100,000). */
export const FenSchema = z
  .number()
  .refine(Number.isSafeInteger, '金额必须是整数分（例如 3 元写 300）')
  .refine((n) => n >= 0 && n <= MAX_INPUT_FEN, '金额应在 0 到 10000000 分之间');

export const IdentifierSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, '编号只能用字母、数字、下划线和连字符');

/** 1..10000 basis points: 1000 = 10%. */
export const BasisPointsSchema = z
  .number()
  .int('基点必须是整数（1000 表示 10%）')
  .min(1, '基点至少为 1')
  .max(10000, '基点不能超过 10000（100%）');

export const CategoryCodeSchema = z.enum(CATEGORY_CODES, {
  error: (iss) => {
    // Policy authors often write the Chinese label; point them to the code.
    const code = typeof iss.input === 'string' ? categoryByLabel(iss.input) : undefined;
    if (code) return `人员类别要写代码：“${String(iss.input)}”应写为 ${code}`;
    // Not String(): a hostile file's object with a toString that is not a function would throw here.
    const shown = typeof iss.input === 'string' ? iss.input : JSON.stringify(iss.input) ?? typeof iss.input;
    return `未知的人员类别“${shown}”，可用：${CATEGORY_CODES.join('、')}`;
  },
});

export const MEAL_PERIODS = ['breakfast', 'lunch', 'dinner'] as const;
export const MealPeriodSchema = z.enum(MEAL_PERIODS, { error: '餐次应为 breakfast、lunch 或 dinner' });
export type MealPeriod = z.infer<typeof MealPeriodSchema>;
export const MEAL_PERIOD_LABELS: Record<MealPeriod, string> = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' };

export const CHANNELS = ['dine_in', 'pickup', 'delivery'] as const;
export const ChannelSchema = z.enum(CHANNELS, { error: '就餐方式应为 dine_in、pickup 或 delivery' });
export type Channel = z.infer<typeof ChannelSchema>;
export const CHANNEL_LABELS: Record<Channel, string> = { dine_in: '堂食', pickup: '自取', delivery: '送餐' };
