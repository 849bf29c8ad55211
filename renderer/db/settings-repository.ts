// Typed settings kept in the settings table: the canteen's identity and the receipt printer.
import { z } from 'zod';
import { paperKinds } from '../../shared/bridge';
import { CATEGORY_CODES } from '../../shared/categories';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { noteSharedSetting } from '../sync/master-sync';
import type { CanteenDB } from './canteen-db';

export const CanteenIdentitySchema = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{2,20}$/, '食堂编号应为 2-20 位字母、数字或连字符'),
  name: z.string().trim().min(1, '请填写食堂名称').max(40),
  subdistrict: z.string().trim().max(40),
  community: z.string().trim().max(40),
  /** 行政区划代码 of the canteen's township: where a policy pays a share only to residents of the same area. */
  areaCode: z.union([z.literal(''), z.string().trim().regex(/^\d{6,12}$/, '所在地区代码应为 6-12 位数字（行政区划代码）')]).default(''),
});
export type CanteenIdentity = z.infer<typeof CanteenIdentitySchema>;

export const ReceiptSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  paper: z.enum(paperKinds).exclude(['a4']),
  /** Desktop: print silently to this printer; empty: the system's default, with its dialog. */
  printerName: z.string().max(200),
});
export type ReceiptSettings = z.infer<typeof ReceiptSettingsSchema>;

/** 关爱名单: who is listed when absent for absentDays days (shared/reports/care-list.ts). */
export const CareSettingsSchema = z.strictObject({
  absentDays: z.number().int().min(1, '天数至少为 1').max(30, '天数最多为 30'),
  categories: z.array(z.enum(CATEGORY_CODES)).min(1, '请至少选择一个类别'),
});
export type CareSettings = z.infer<typeof CareSettingsSchema>;

/** The till locks itself after this many idle minutes; the next person signs in with their own PIN. */
export const SessionSettingsSchema = z.strictObject({
  idleMinutes: z.number().int().min(1, '至少 1 分钟').max(120, '最多 120 分钟'),
});
export type SessionSettings = z.infer<typeof SessionSettingsSchema>;
/** The subdistrict office's public key, registered once: signed policy files are checked against it (政策). */
export const OfficeKeySchema = z.strictObject({
  /** The raw Ed25519 key, base64; empty while none is registered. */
  key: z.string(),
  fingerprint: z.string(),
});
export type OfficeKey = z.infer<typeof OfficeKeySchema>;

const SETTINGS = {
  canteen: { schema: CanteenIdentitySchema, fallback: { code: '', name: '社区长者食堂', subdistrict: '', community: '', areaCode: '' } },
  receipt: { schema: ReceiptSettingsSchema, fallback: { enabled: false, paper: 'receipt58', printerName: '' } },
  care: { schema: CareSettingsSchema, fallback: { absentDays: 2, categories: ['living_alone'] } },
  session: { schema: SessionSettingsSchema, fallback: { idleMinutes: 10 } },
  office: { schema: OfficeKeySchema, fallback: { key: '', fingerprint: '' } },
} as const;
type SettingName = keyof typeof SETTINGS;
type SettingValue<N extends SettingName> = z.infer<(typeof SETTINGS)[N]['schema']>;

export async function readSetting<N extends SettingName>(db: CanteenDB, name: N): Promise<SettingValue<N>> {
  const stored = (await db.settings.get(name))?.value;
  const parsed = SETTINGS[name].schema.safeParse(stored);
  return (parsed.success ? parsed.data : SETTINGS[name].fallback) as SettingValue<N>;
}

export async function writeSetting<N extends SettingName>(db: CanteenDB, name: N, value: SettingValue<N>, actorId: string): Promise<void> {
  const valid = SETTINGS[name].schema.parse(value);
  await db.transaction('rw', db.settings, db.audit, async () => {
    await db.settings.put({ key: name, value: valid });
    noteSharedSetting(db, name);
    await db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId, action: `setting_${name}`, details: valid as Record<string, unknown> });
  });
}
