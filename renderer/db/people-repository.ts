// Cashiers and managers, and the PINs that sign them in and authorise manager actions (void, override, restore…).
// PINs are kept only as salted PBKDF2-SHA-256 hashes, never in a backup; five wrong tries lock a PIN for five
// minutes of the till's running time (a moved wall clock neither ends nor stretches a lock).
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { CashierRecordSchema, type CashierRecord } from '../../shared/ledger/records';
import type { CanteenDB } from './canteen-db';

/** Sales recorded before staff signed in (older books) name the counter itself. */
export const COUNTER_ID = 'counter';
export const COUNTER_NAME = '收银台';

export const PIN_ITERATIONS = 210_000;
export const MAX_PIN_TRIES = 5;
export const PIN_LOCK_MS = 5 * 60 * 1000;
export const MANAGER_PIN_DIGITS = 6;

export type Role = CashierRecord['role'];
export const ROLE_LABELS: Record<Role, string> = { cashier: '收银员', manager: '负责人' };

export class PeopleError extends Error {}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));

async function pinHash(pin: string, saltHex: string, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromHex(saltHex), iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}

async function hashedPin(pin: string): Promise<NonNullable<CashierRecord['pin']>> {
  const salt = toHex(crypto.getRandomValues(new Uint8Array(16)));
  return { salt, hash: await pinHash(pin, salt, PIN_ITERATIONS), iterations: PIN_ITERATIONS };
}

/** Compares without stopping at the first difference, so timing says nothing about the hash. */
function sameHash(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < Math.min(a.length, b.length); index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/** Managers sign for money and eligibility: their PINs are longer, so a backup-less guess takes longer too. */
export function pinProblem(pin: string, role: Role = 'cashier'): string | null {
  if (role === 'manager') return /^\d{6,8}$/.test(pin) ? null : `负责人密码应为 ${MANAGER_PIN_DIGITS} 到 8 位数字`;
  return /^\d{4,8}$/.test(pin) ? null : '密码应为 4 到 8 位数字';
}

const nameKey = (name: string) => name.trim().replace(/\s+/g, '').toLowerCase();

function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return '请填写姓名';
  if (trimmed.length > 30) return '姓名最多 30 个字';
  return null;
}

/** Names are unique among active people, so every PIN dialog and sign-in list names one person. */
async function assertNameFree(db: CanteenDB, name: string, exceptId?: string): Promise<void> {
  const key = nameKey(name);
  const clash = await db.cashiers.filter((person) => person.active && person.id !== exceptId && nameKey(person.name) === key).first();
  if (clash) throw new PeopleError(`已有在岗人员叫“${clash.name}”：请加上区分，例如“${clash.name}（早班）”`);
}

const audit = (db: CanteenDB, actorId: string, action: string, details: Record<string, unknown>, nowMs: number) =>
  db.audit.add({ at: chinaIsoFromEpochMs(nowMs), actorId, action, details });

export const isLocked = (person: CashierRecord) => (person.lockRemainingMs ?? 0) > 0;
export const canSignIn = (person: CashierRecord) => person.active && !!person.pin;

export function activeManagers(db: CanteenDB): Promise<CashierRecord[]> {
  return db.cashiers.where('role').equals('manager').filter(canSignIn).toArray();
}

/** Whether the canteen has a manager who can sign: until then the till asks for one before anything else. */
export async function hasManager(db: CanteenDB): Promise<boolean> {
  return (await activeManagers(db)).length > 0;
}

/** People who can sign in at the counter, managers first, by name. */
export async function signInList(db: CanteenDB): Promise<CashierRecord[]> {
  const people = await db.cashiers.filter(canSignIn).toArray();
  return people.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'zh-CN') : a.role === 'manager' ? -1 : 1));
}

/**
 * The first manager, asked for on first run (or after a restore on a new PC, whose backup carried no PINs). Refused
 * once any manager can sign: from then on only a manager adds people. A restored manager of the same name gets
 * the PIN instead of a twin.
 */
export async function createFirstManager(db: CanteenDB, input: { name: string; pin: string }, nowMs = Date.now()): Promise<CashierRecord> {
  const problem = nameProblem(input.name) ?? pinProblem(input.pin, 'manager');
  if (problem) throw new PeopleError(problem);
  const pin = await hashedPin(input.pin);
  return db.transaction('rw', db.cashiers, db.audit, async () => {
    if ((await db.cashiers.where('role').equals('manager').filter(canSignIn).count()) > 0) throw new PeopleError('本店已有负责人：请由负责人在“设置 → 人员与密码”中添加人员');
    const restored = await db.cashiers.filter((person) => person.active && person.role === 'manager' && !person.pin && nameKey(person.name) === nameKey(input.name)).first();
    if (!restored) await assertNameFree(db, input.name);
    const record = CashierRecordSchema.parse(
      restored ? { ...restored, pin, failedAttempts: 0, lockRemainingMs: undefined } : { id: crypto.randomUUID(), name: input.name.trim(), role: 'manager', pin, failedAttempts: 0, active: true },
    );
    await db.cashiers.put(record);
    await audit(db, record.id, restored ? 'person_pin' : 'person_add', { personId: record.id, name: record.name, role: record.role, firstManager: true }, nowMs);
    return record;
  });
}

/** Adds a person; `actorId` is the manager whose PIN approved it. */
export async function addPerson(db: CanteenDB, person: { name: string; role: Role; pin: string }, actorId: string, nowMs = Date.now()): Promise<CashierRecord> {
  const problem = nameProblem(person.name) ?? pinProblem(person.pin, person.role);
  if (problem) throw new PeopleError(problem);
  const record = CashierRecordSchema.parse({ id: crypto.randomUUID(), name: person.name.trim(), role: person.role, pin: await hashedPin(person.pin), failedAttempts: 0, active: true });
  await db.transaction('rw', db.cashiers, db.audit, async () => {
    await assertNameFree(db, record.name);
    await db.cashiers.add(record);
    await audit(db, actorId, 'person_add', { personId: record.id, name: record.name, role: record.role }, nowMs);
  });
  return record;
}

export type PersonChange = { name?: string; role?: Role; active?: boolean; pin?: string };

/**
 * Renames, changes the role of, deactivates or re-activates a person, or gives them a new PIN (which also lifts a
 * lock); `actorId` is the manager whose PIN approved it. The last manager who can sign is never demoted or
 * deactivated: the canteen would have nobody to approve anything.
 */
export async function changePerson(db: CanteenDB, personId: string, change: PersonChange, actorId: string, nowMs = Date.now()): Promise<CashierRecord> {
  if (change.name !== undefined) {
    const problem = nameProblem(change.name);
    if (problem) throw new PeopleError(problem);
  }
  const current = await db.cashiers.get(personId);
  if (!current) throw new PeopleError('找不到这位人员');
  const role = change.role ?? current.role;
  if (change.pin !== undefined) {
    const problem = pinProblem(change.pin, role);
    if (problem) throw new PeopleError(problem);
  } else if (role === 'manager' && current.role !== 'manager') {
    // A cashier's 4-digit PIN must not become a manager's.
    throw new PeopleError(`改为负责人时请同时设置 ${MANAGER_PIN_DIGITS} 到 8 位的新密码`);
  }
  const pin = change.pin !== undefined ? await hashedPin(change.pin) : undefined;
  return db.transaction('rw', db.cashiers, db.audit, async () => {
    const person = (await db.cashiers.get(personId))!;
    const next: CashierRecord = CashierRecordSchema.parse({
      ...person,
      ...(change.name !== undefined ? { name: change.name.trim() } : {}),
      role,
      ...(change.active !== undefined ? { active: change.active } : {}),
      ...(pin ? { pin, failedAttempts: 0, lockRemainingMs: undefined } : {}),
    });
    if (next.active && (change.name !== undefined || change.active)) await assertNameFree(db, next.name, next.id);
    const stillSigns = next.role === 'manager' && canSignIn(next);
    if (canSignIn(person) && person.role === 'manager' && !stillSigns) {
      const others = await db.cashiers.where('role').equals('manager').filter((other) => other.id !== personId && canSignIn(other)).count();
      if (others === 0) throw new PeopleError('这是本店唯一的负责人：请先添加另一位负责人');
    }
    await db.cashiers.put(next);
    const changed = Object.fromEntries(
      Object.entries({ name: change.name !== undefined && next.name !== person.name ? next.name : undefined, role: next.role !== person.role ? next.role : undefined, active: next.active !== person.active ? next.active : undefined, pin: pin ? 'new' : undefined }).filter(([, value]) => value !== undefined),
    );
    await audit(db, actorId, 'person_change', { personId, name: person.name, ...changed }, nowMs);
    return next;
  });
}

export type PinCheck = { ok: true; person: CashierRecord } | { ok: false; message: string };

const lockedMessage = (person: CashierRecord) => `${person.name}的密码已锁定，请 ${Math.max(1, Math.ceil((person.lockRemainingMs ?? 0) / 60_000))} 分钟后再试`;

/**
 * Checks a person's PIN. The try is counted in one transaction before the slow hash runs, so tries made at
 * once each count and at most five are ever checked before a lock. `role: 'manager'` refuses anyone else's PIN.
 */
export async function checkPin(db: CanteenDB, personId: string, pin: string, options: { role?: Role; nowMs?: number } = {}): Promise<PinCheck> {
  const nowMs = options.nowMs ?? Date.now();
  const reserved = await db.transaction('rw', db.cashiers, db.audit, async (): Promise<PinCheck & { attempt?: number }> => {
    const person = await db.cashiers.get(personId);
    if (!person || !canSignIn(person)) return { ok: false, message: '找不到这位人员，或其未设置密码' };
    if (options.role === 'manager' && person.role !== 'manager') return { ok: false, message: `${person.name}是收银员：这一步需要负责人输入密码` };
    if (isLocked(person)) return { ok: false, message: lockedMessage(person) };
    const attempt = person.failedAttempts + 1;
    if (attempt > MAX_PIN_TRIES) {
      // More tries at once than are allowed: lock now, without checking this one.
      await db.cashiers.put({ ...person, failedAttempts: 0, lockRemainingMs: PIN_LOCK_MS });
      await audit(db, person.id, 'pin_locked', { name: person.name }, nowMs);
      return { ok: false, message: `密码连续错误 ${MAX_PIN_TRIES} 次，${person.name}的密码已锁定 5 分钟` };
    }
    await db.cashiers.put({ ...person, failedAttempts: attempt });
    return { ok: true, person, attempt };
  });
  if (!reserved.ok) return reserved;
  const { person, attempt } = reserved;
  const matches = sameHash(await pinHash(pin, person.pin!.salt, person.pin!.iterations), person.pin!.hash);
  return db.transaction('rw', db.cashiers, db.audit, async (): Promise<PinCheck> => {
    const now = (await db.cashiers.get(personId))!;
    if (matches) {
      // A lock set meanwhile by a flood of parallel tries stands; only the count is reset.
      await db.cashiers.put({ ...now, failedAttempts: 0 });
      return isLocked(now) ? { ok: false, message: lockedMessage(now) } : { ok: true, person: now };
    }
    if (attempt! >= MAX_PIN_TRIES) {
      if (!isLocked(now)) {
        await db.cashiers.put({ ...now, failedAttempts: 0, lockRemainingMs: PIN_LOCK_MS });
        await audit(db, person.id, 'pin_locked', { name: person.name }, nowMs);
      }
      return { ok: false, message: `密码连续错误 ${MAX_PIN_TRIES} 次，${person.name}的密码已锁定 5 分钟` };
    }
    return { ok: false, message: `密码不对，还可以再试 ${MAX_PIN_TRIES - attempt!} 次` };
  });
}

/** Runs locks down by time the till has measured on its monotonic clock; lifts those that have run out. */
export async function runDownLocks(db: CanteenDB, elapsedMs: number): Promise<void> {
  if (elapsedMs <= 0) return;
  // Read first: nearly always nothing is locked, and the books then see no write transaction every few seconds
  // (one on a full disk can cost the browser its whole database).
  if (!(await db.cashiers.filter(isLocked).count())) return;
  await db.transaction('rw', db.cashiers, async () => {
    const locked = await db.cashiers.filter(isLocked).toArray();
    for (const person of locked) {
      const left = Math.max(0, (person.lockRemainingMs ?? 0) - Math.round(elapsedMs));
      await db.cashiers.put({ ...person, lockRemainingMs: left || undefined, ...(left ? {} : { failedAttempts: 0 }) });
    }
  });
}
