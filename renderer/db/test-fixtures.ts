// Builders for the database tests: real policies, real quotes, real records.
import { EXAMPLE_POLICIES } from '../../shared/policy/examples';
import { PolicySchema } from '../../shared/policy/schema';
import { residentFacts, residentSnapshot, type ResidentRecord } from '../../shared/ledger/records';
import { quoteMeal } from '../../shared/quote/quote';
import type { HistoryEntry } from '../../shared/quote/types';
import { linkRecord } from '../../shared/ledger/chain';
import type { JournalState } from '../../shared/bridge';
import type { ChainHead } from '../../shared/ledger/chain';
import type { CanteenDB } from './canteen-db';
import type { LedgerHead, NewMeal } from './ledger';

export const tianjin = PolicySchema.parse(EXAMPLE_POLICIES.tianjin);

let residentCounter = 0;
export function aResident(overrides: Partial<ResidentRecord> = {}): ResidentRecord {
  residentCounter++;
  return {
    id: `r${residentCounter}`,
    name: `居民${residentCounter}`,
    idKind: 'resident',
    idNumber: `12010119400101${String(1000 + residentCounter).slice(-4)}`,
    sex: 'F',
    birthDate: '1940-01-01',
    categories: [],
    hukouArea: '120101',
    residenceArea: '120101',
    inCareHome: false,
    status: 'active',
    mealCards: [],
    createdAt: '2026-01-01T08:00:00+08:00',
    updatedAt: '2026-01-01T08:00:00+08:00',
    ...overrides,
  };
}

/** A 15-yuan set lunch for `resident` (or a walk-in), priced by the Tianjin policy. */
export function aSale(resident: ResidentRecord | null, servedAt = '2026-03-02T11:45:00+08:00', history: HistoryEntry[] = []): NewMeal {
  const meal = { servedAt, channel: 'dine_in' as const, items: [{ itemId: 'set-a', name: '套餐A', unitPriceFen: 1500, quantity: 1, subsidyEligible: true }] };
  const quote = quoteMeal({ policies: [tianjin], resident: resident && residentFacts(resident), meal, history });
  return {
    residentId: resident?.id ?? null,
    resident: resident && residentSnapshot(resident),
    meal,
    quote,
    payment: { method: 'wechat', amountFen: quote.elderPaysFen },
    cashierId: 'c1',
  };
}

/** A void as version 1 wrote it, without the void index: for the upgrade and old-backup tests. */
export async function voidAsVersion1(db: CanteenDB, mealId: string, voidedAt: string): Promise<void> {
  const head = (await db.settings.get('ledger.head'))!.value as LedgerHead;
  const reversal = await linkRecord({ id: `V-${mealId}`, mealId, reason: '重复结账', managerId: 'm1', voidedAt, date: voidedAt.slice(0, 10) }, head);
  await db.voids.add(reversal);
  await db.settings.put({ key: 'ledger.head', value: { seq: reversal.seq, hash: reversal.hash, mealSerial: head.mealSerial } satisfies LedgerHead });
}

/**
 * The shell's journal as a file would hold it: bytes appended, a marker beside them. `flushedText` is what
 * a power cut would leave: the bytes as they were at the last flush. `flushFails` makes the flush fail.
 */
export function memoryJournal({ full = (): boolean => false, flushFails = (): boolean => false } = {}) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let bytes = new Uint8Array(0);
  let flushed = 0;
  let marker: ChainHead | null = null;
  const append = (line: string) => {
    if (full()) throw new Error('磁盘空间不足，账本日志写不进去，这一笔没有记录。');
    const added = encoder.encode(`${line}\n`);
    const next = new Uint8Array(bytes.length + added.length);
    next.set(bytes);
    next.set(added, bytes.length);
    bytes = next;
  };
  return {
    get text() {
      return decoder.decode(bytes);
    },
    set text(value: string) {
      bytes = encoder.encode(value);
      flushed = bytes.length;
    },
    get flushedText() {
      return decoder.decode(bytes.subarray(0, flushed));
    },
    journalAppend: async (line: string) => append(line),
    journalTakeBack: async ({ line, revoke }: { line: string; revoke: string }) => {
      const cut = encoder.encode(`${line}\n`);
      const at = bytes.length - cut.length;
      if (at >= 0 && cut.every((byte, index) => bytes[at + index] === byte)) bytes = bytes.slice(0, at);
      else append(revoke);
      flushed = bytes.length;
    },
    journalFlush: async () => {
      if (flushFails()) throw new Error('账本日志没能存到磁盘：EIO');
      flushed = bytes.length;
    },
    journalRead: async ({ offset, length }: { offset: number; length: number }) => bytes.slice(offset, offset + length),
    journalState: async (): Promise<JournalState> => ({ size: bytes.length, marker }),
    journalMark: async (head: ChainHead) => {
      marker = head;
    },
  };
}
