// Cashiers and managers, and the PINs that authorise manager actions (void, override, restore…).
// PINs are kept only as salted PBKDF2-SHA-256 hashes; five wrong tries lock a PIN for five minutes.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { CashierRecordSchema, type CashierRecord } from '../../shared/ledger/records';
import type { CanteenDB } from './canteen-db';

/** Until staff sign in, sales and counter registrations are recorded under the counter itself. */
export const COUNTER_ID = 'counter';
export const COUNTER_NAME = '收银台';

export const PIN_ITERATIONS = 210_000;
export const MAX_PIN_TRIES = 5;
export const PIN_LOCK_MS = 5 * 60 * 1000;

const PIN_PATTERN = /^\d{4,8}$/;
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));

async function pinHash(pin: string, saltHex: string, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromHex(saltHex), iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}

/** Compares without stopping at the first difference, so timing says nothing about the hash. */
function sameHash(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < Math.min(a.length, b.length); index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

export function pinProblem(pin: string): string | null {
  return PIN_PATTERN.test(pin) ? null : '密码应为 4 到 8 位数字';
}

export async function addPerson(db: CanteenDB, person: { name: string; role: CashierRecord['role']; pin: string }, actorId: string, nowMs = Date.now()): Promise<CashierRecord> {
  const problem = pinProblem(person.pin);
  if (problem) throw new Error(problem);
  const salt = toHex(crypto.getRandomValues(new Uint8Array(16)));
  const record = CashierRecordSchema.parse({
    id: crypto.randomUUID(),
    name: person.name.trim(),
    role: person.role,
    pin: { salt, hash: await pinHash(person.pin, salt, PIN_ITERATIONS), iterations: PIN_ITERATIONS },
    failedAttempts: 0,
    active: true,
  });
  await db.transaction('rw', db.cashiers, db.audit, async () => {
    await db.cashiers.add(record);
    await db.audit.add({ at: chinaIsoFromEpochMs(nowMs), actorId, action: 'person_add', details: { personId: record.id, name: record.name, role: record.role } });
  });
  return record;
}

export function managers(db: CanteenDB): Promise<CashierRecord[]> {
  return db.cashiers.where('role').equals('manager').filter((person) => person.active).toArray();
}

export type PinCheck = { ok: true; person: CashierRecord } | { ok: false; message: string };

/** Checks a person's PIN, counting wrong tries; a locked PIN is refused without being checked. */
export async function checkPin(db: CanteenDB, personId: string, pin: string, nowMs = Date.now()): Promise<PinCheck> {
  const person = await db.cashiers.get(personId);
  if (!person?.pin || !person.active) return { ok: false, message: '找不到这位人员，或其未设置密码' };
  if (person.lockedUntil && Date.parse(person.lockedUntil) > nowMs) {
    const minutes = Math.ceil((Date.parse(person.lockedUntil) - nowMs) / 60_000);
    return { ok: false, message: `${person.name}的密码已锁定，请 ${minutes} 分钟后再试` };
  }
  const matches = sameHash(await pinHash(pin, person.pin.salt, person.pin.iterations), person.pin.hash);
  const failedAttempts = matches ? 0 : person.failedAttempts + 1;
  const locks = failedAttempts >= MAX_PIN_TRIES;
  await db.transaction('rw', db.cashiers, db.audit, async () => {
    await db.cashiers.put({ ...person, failedAttempts: locks ? 0 : failedAttempts, lockedUntil: locks ? chinaIsoFromEpochMs(nowMs + PIN_LOCK_MS) : undefined });
    if (locks) await db.audit.add({ at: chinaIsoFromEpochMs(nowMs), actorId: person.id, action: 'pin_locked', details: { name: person.name } });
  });
  if (matches) return { ok: true, person };
  if (locks) return { ok: false, message: `密码连续错误 ${MAX_PIN_TRIES} 次，${person.name}的密码已锁定 5 分钟` };
  return { ok: false, message: `密码不对，还可以再试 ${MAX_PIN_TRIES - failedAttempts} 次` };
}
