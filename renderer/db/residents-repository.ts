// Reads of the roster the counter needs, and registration of a new elder at the counter.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { maskId, parseIdNumber } from '../../shared/id-number';
import { AuditRecordSchema, ResidentRecordSchema, type ResidentRecord } from '../../shared/ledger/records';
import { phoneDigits, rosterIdKey, searchKey } from '../../shared/search/normalize';
import { toHalfWidth } from '../../shared/text';
import type { CanteenDB } from './canteen-db';
import { cardHeldByOther } from './meal-cards';

/** What a card reader or scanner typed: an ID number (any accepted spelling, 15 or 18 digits) or a meal card number. */
export async function findByScan(db: CanteenDB, scanned: string): Promise<ResidentRecord | undefined> {
  const text = scanned.trim();
  if (!text) return undefined;
  return (await db.residents.where('idNumber').equals(rosterIdKey(text)).first()) ?? findByMealCard(db, text);
}

async function findByMealCard(db: CanteenDB, text: string): Promise<ResidentRecord | undefined> {
  const exact = await db.residents.where('mealCards').equals(text).first();
  if (exact) return exact;
  // Cards are compared as the search compares them (full-width, case); only when the exact form missed.
  const key = searchKey(text);
  const spellings = [...new Set([key, key.toUpperCase()])].filter((spelling) => spelling !== text);
  return spellings.length ? db.residents.where('mealCards').anyOf(spellings).first() : undefined;
}

export function findByIdNumber(db: CanteenDB, idNumber: string): Promise<ResidentRecord | undefined> {
  return db.residents.where('idNumber').equals(rosterIdKey(idNumber)).first();
}

export type NewResident = {
  idNumber: string;
  name: string;
  phone?: string;
  /** Only for documents that carry no birth date (old foreign permits): from the document, by hand. */
  birthDate?: string;
  sex?: 'M' | 'F';
  /** Staff checked the birth year on the physical card (15-digit numbers of possible centenarians). */
  birthYearConfirmed?: boolean;
  /** The canteen's own area, when the elder has local 户籍 and lives here: what area-bound policies check. */
  localArea?: string;
};

/** Registration refused, in words for the cashier; `existing` when the person is already on the roster. */
export class RegisterError extends Error {
  constructor(
    message: string,
    readonly existing?: ResidentRecord,
  ) {
    super(message);
  }
}

const duplicateMessage = (existing: ResidentRecord) => `此证件号已登记：${existing.name}（${maskId(existing.idNumber)}），同一人不能登记两次`;

const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newResidentId(now: number): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => ID_ALPHABET[byte % 32]).join('');
  return `R${now.toString(36).toUpperCase()}${random}`;
}

/**
 * Adds an elder to the roster from the counter: the number is validated, birth date and sex come from it,
 * the same person is refused a second time (by the roster's unique ID index too), and the audit log says who
 * registered whom, in the same transaction.
 */
export async function registerResident(db: CanteenDB, input: NewResident, actorId: string, now = Date.now()): Promise<ResidentRecord> {
  const at = chinaIsoFromEpochMs(now);
  const today = at.slice(0, 10);
  const id = parseIdNumber(input.idNumber, today);
  if (!id.ok) throw new RegisterError(id.message);
  if (id.needsBirthYearCheck && !input.birthYearConfirmed) {
    throw new RegisterError(`按15位旧号推算出生于 ${id.birthDate}，已满百岁：请核对身份证原件上的出生年份后确认`);
  }
  const birthDate = id.birthDate ?? input.birthDate;
  if (!birthDate) throw new RegisterError('此类证件号码不含出生日期，请按证件填写出生日期');
  const phone = input.phone ? toHalfWidth(input.phone).trim() : '';
  if (phone && !/^\+?[\d\s-]+$/.test(phone)) throw new RegisterError('电话号码只能有数字、空格和短横线');
  if (phone && (phoneDigits(phone).length < 7 || phoneDigits(phone).length > 15)) throw new RegisterError('电话号码应为 7 到 15 位数字（手机号 11 位）');

  const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  // The pinyin dictionary is loaded only here, where a name is written: it stays out of the counter's first screen.
  const { pinyinInitials } = await import('../../shared/search/pinyin');
  const parsed = ResidentRecordSchema.safeParse({
    id: newResidentId(now),
    name,
    idKind: id.kind,
    idNumber: id.normalized,
    sex: id.sex ?? input.sex,
    birthDate,
    ...(phone ? { phone } : {}),
    ...(input.localArea ? { hukouArea: input.localArea, residenceArea: input.localArea } : {}),
    categories: [],
    inCareHome: false,
    status: 'active',
    mealCards: [],
    pinyinInitials: pinyinInitials(name),
    createdAt: at,
    updatedAt: at,
  });
  if (!parsed.success) throw new RegisterError(parsed.error.issues[0]?.message ?? '登记信息不完整');
  const resident = parsed.data;
  const audit = AuditRecordSchema.parse({
    at,
    actorId,
    action: 'resident_register',
    details: { residentId: resident.id, name: resident.name, idKind: resident.idKind, idNumber: maskId(resident.idNumber) },
  });

  try {
    await db.transaction('rw', db.residents, db.audit, async () => {
      const existing = await db.residents.where('idNumber').equals(resident.idNumber).first();
      if (existing) throw new RegisterError(duplicateMessage(existing), existing);
      await db.residents.add(resident);
      await db.audit.add(audit);
    });
  } catch (error) {
    // The unique index caught what the check could not see (another window registered the same person).
    if (error instanceof Error && error.name === 'ConstraintError') {
      const existing = await findByIdNumber(db, resident.idNumber);
      throw new RegisterError(existing ? duplicateMessage(existing) : '此证件号已登记，同一人不能登记两次', existing);
    }
    throw error;
  }
  return resident;
}

/** What a manager may change about an elder; the ID number, and so birth date and sex, stay as registered. */
export type ResidentChanges = Pick<ResidentRecord, 'name' | 'phone' | 'address' | 'categories' | 'residenceArea' | 'hukouArea' | 'inCareHome' | 'status' | 'statusDate' | 'mealCards'>;

/** The record an edit would make, or a RegisterError saying what is wrong: checked before a manager is asked. */
export function editedResident(current: ResidentRecord, changes: ResidentChanges, at: string): ResidentRecord {
  const status = changes.status;
  const parsed = ResidentRecordSchema.safeParse({
    ...current,
    ...changes,
    name: changes.name.normalize('NFC').trim().replace(/\s+/g, ' '),
    // A status date belongs to a move or a death; an active elder has none.
    statusDate: status === 'active' ? undefined : changes.statusDate,
    updatedAt: at,
  });
  if (!parsed.success) throw new RegisterError(`${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? '信息不完整'}`.trim());
  if (status !== 'active' && !parsed.data.statusDate) throw new RegisterError(status === 'moved' ? '请填写迁出日期' : '请填写去世日期');
  return parsed.data;
}

/** Saves a manager's edit, validated, with an audit entry naming what changed. */
export async function updateResident(db: CanteenDB, id: string, changes: ResidentChanges, actorId: string, now = Date.now()): Promise<ResidentRecord> {
  const at = chinaIsoFromEpochMs(now);
  return db.transaction('rw', db.residents, db.audit, async () => {
    const current = await db.residents.get(id);
    if (!current) throw new RegisterError('找不到这位老人');
    const edited = editedResident(current, changes, at);
    // A card is one elder's: a card added here that another elder holds (in any reader's form) is refused.
    const heldElsewhere = await cardHeldByOther(db, current, edited.mealCards.filter((card) => !current.mealCards.includes(card)));
    if (heldElsewhere) throw new RegisterError(heldElsewhere);
    const changed = (Object.keys(changes) as (keyof ResidentChanges)[]).filter((key) => JSON.stringify(current[key]) !== JSON.stringify(edited[key]));
    await db.residents.put(edited);
    await db.audit.add({ at, actorId, action: 'resident_edit', details: { residentId: id, name: edited.name, changed } });
    return edited;
  });
}
