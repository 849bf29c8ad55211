// Before the till sells, the books must agree with their journal (renderer/db/journal.ts), and the disk
// must have room for the next sale. A database that lost confirmed records is rebuilt here, with a
// manager's PIN, before any page but 设置 opens; a disk nearly full warns, and below the floor the
// counter stops taking sales with one clear message instead of failing them one by one.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { StorageSpace } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { bridge } from '../bridge';
import { db, forgetLedger } from '../db/app-db';
import { catchUpJournal, checkBooks, rebuildFromJournal, type BooksCheck } from '../db/journal';
import { activeManagers } from '../db/people-repository';
import { ManagerApproval } from '../people/manager-approval';
import { progressText, useTask } from './use-task';

/** Below this the till warns; below the floor it stops taking sales. */
export const WARN_BELOW_BYTES = 1024 ** 3;
export const STOP_BELOW_BYTES = 100 * 1024 ** 2;

type GuardState = { kind: 'checking' } | { kind: 'ok' } | { kind: 'blocked'; check: Extract<BooksCheck, { kind: 'books_behind' | 'diverged' }> } | { kind: 'unavailable'; message: string };

let state: GuardState = { kind: 'checking' };
const listeners = new Set<() => void>();
const publish = (next: GuardState) => {
  state = next;
  listeners.forEach((listener) => listener());
};

/** Compares the books with the journal; catches the journal up where it is the one behind. */
export async function recheckBooks(): Promise<void> {
  try {
    const check = await checkBooks(db, bridge);
    if (check.kind === 'books_behind' || check.kind === 'diverged') return publish({ kind: 'blocked', check });
    if (check.kind === 'journal_behind') await catchUpJournal(db, bridge, check.journalSeq);
    forgetLedger();
    publish({ kind: 'ok' });
  } catch (error) {
    publish({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
  }
}

let started = false;
function useGuardState(): GuardState {
  useEffect(() => {
    if (!started) {
      started = true;
      void recheckBooks();
    }
  }, []);
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    () => state,
  );
}

export type SpaceLevel = 'ok' | 'low' | 'stop' | 'unknown';
export function spaceLevel({ freeBytes }: StorageSpace): SpaceLevel {
  if (freeBytes === null) return 'unknown';
  return freeBytes < STOP_BELOW_BYTES ? 'stop' : freeBytes < WARN_BELOW_BYTES ? 'low' : 'ok';
}

const SPACE_CHECK_MS = 30_000;
/** Free disk space, asked of the shell every half minute and whenever `again` changes. */
export function useStorageSpace(again?: unknown): StorageSpace & { level: SpaceLevel } {
  const [space, setSpace] = useState<StorageSpace>({ freeBytes: null });
  useEffect(() => {
    let live = true;
    const ask = () => void bridge.storageSpace().then((next) => live && setSpace(next), () => undefined);
    ask();
    const timer = setInterval(ask, SPACE_CHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [again]);
  return { ...space, level: spaceLevel(space) };
}

const mb = (bytes: number) => `${Math.floor(bytes / 1024 ** 2)} MB`;

/**
 * Why a write that is not a sale (a sign-in, which counts the PIN try in the books) must wait: the disk is below
 * the floor where the counter stops. A write to IndexedDB that fails on a full disk can leave the browser's
 * database damaged (a sale is safe: its journal line is written first), so none is tried. Null when there is
 * room, or the shell cannot tell (a browser's quota never reports less than its own floor).
 */
export async function diskTooFull(what: string): Promise<string | null> {
  const space = await bridge.storageSpace().catch((): StorageSpace => ({ freeBytes: null }));
  if (spaceLevel(space) !== 'stop') return null;
  return `${what}：磁盘只剩 ${mb(space.freeBytes!)}，为防止丢账，收银台已暂停。请删除不用的文件、清空回收站（或请技术人员清理磁盘），剩余空间超过 ${mb(STOP_BELOW_BYTES)} 后再试。`;
}

export function spaceText({ freeBytes, level }: ReturnType<typeof useStorageSpace>): string | null {
  if (level === 'stop') return `磁盘只剩 ${mb(freeBytes!)}，为防止丢账，收银已暂停。请删除不用的文件（或请技术人员清理磁盘），剩余空间超过 ${mb(STOP_BELOW_BYTES)} 后即可继续收银。`;
  if (level === 'low') return `磁盘剩余空间不多（${mb(freeBytes!)}）：请尽快清理磁盘。剩余不足 ${mb(STOP_BELOW_BYTES)} 时收银台将暂停收银，以免丢账。`;
  return null;
}

/** The books cannot be opened at all (most often a full disk): selling stops, saying so plainly. */
export function BooksUnavailable({ message }: { message: string }) {
  return (
    <section className="panel recovery" role="alert" data-testid="books-unavailable">
      <h2>无法打开账本</h2>
      <p>收银台打不开本机的账本数据库（{message}）。为防止丢账，收银已暂停。</p>
      <p>最常见的原因是磁盘已满：请删除不用的文件（或请技术人员清理磁盘），然后关闭并重新打开收银台。已确认的每一笔都另有一份账本日志，不会丢失。</p>
    </section>
  );
}

/** The page, unless the books are found unsound: then the rebuild in its place (设置 stays open for a restore). */
export function BooksGate({ allowWhenBlocked, children }: { allowWhenBlocked: boolean; children: ReactNode }) {
  const guard = useGuardState();
  // While the check runs the page opens as usual: a sale meanwhile is checked by the ledger itself (app-db.ts).
  if (guard.kind === 'unavailable' && !allowWhenBlocked) return <BooksUnavailable message={guard.message} />;
  if (guard.kind === 'blocked' && !allowWhenBlocked) return <RebuildBooks check={guard.check} />;
  return (
    <>
      {/* Where the check stands, for the tests that wait on it; nothing to see. */}
      <span hidden data-testid="books-check" data-state={guard.kind} />
      {children}
    </>
  );
}

function RebuildBooks({ check }: { check: Extract<BooksCheck, { kind: 'books_behind' | 'diverged' }> }) {
  const people = useLiveQuery(() => activeManagers(db), []);
  const residents = useLiveQuery(() => db.residents.count(), []);
  const [asking, setAsking] = useState(false);
  const rebuild = useTask((progress, actorId: string) => rebuildFromJournal(db, bridge, actorId, chinaIsoFromEpochMs(Date.now()), progress));
  const known = check.kind === 'books_behind' ? Math.max(check.journalSeq, check.markerSeq) : check.journal.seq;

  const start = (actorId: string) => {
    setAsking(false);
    void rebuild.start(actorId).then(() => recheckBooks());
  };
  if (check.kind === 'diverged') {
    return (
      <section className="panel recovery" role="alert" data-testid="books-recovery">
        <h2>账本与账本日志不一致</h2>
        <p>
          数据库和账本日志在第 {check.head.seq} 条记录上不一致：其中一份被改动过。为防止错账，收银已暂停。请到“设置 → 账本校验”检查，并联系技术支持。
        </p>
      </section>
    );
  }
  return (
    <section className="panel recovery" role="alert" data-testid="books-recovery">
      <h2>账本需要恢复</h2>
      <p>
        本机数据库只有到第 {check.head.seq} 条的账本记录，而账本日志记到第 {known} 条：有 {known - check.head.seq} 条已确认的记录不在数据库中（浏览器或磁盘出错时可能发生）。为防止漏账，收银已暂停。
      </p>
      <p>请负责人从账本日志重建这些记录：每一条都会先核对哈希链，核对不上的不会写入。</p>
      {residents === 0 && <p className="warning">居民名单、菜单和政策不在账本日志中：重建后如果它们也是空的，请到“设置 → 备份与恢复”恢复最近的备份，再回到这里补回备份之后的记录。</p>}
      <p>
        <button type="button" className="primary" disabled={rebuild.running} onClick={() => (people?.length ? setAsking(true) : start('counter'))}>
          从账本日志重建
        </button>{' '}
        {rebuild.running && <span role="status">正在重建 {progressText(rebuild.state)}</span>}
        {rebuild.state.status === 'failed' && <span className="error">{rebuild.state.message}</span>}
      </p>
      {asking && (
        <ManagerApproval
          title="负责人授权重建账本"
          detail="从账本日志补回数据库缺少的已确认记录。"
          defaultReason="数据库缺少已确认的记录"
          onApproved={(approval) => start(approval.manager.id)}
          onCancel={() => setAsking(false)}
        />
      )}
    </section>
  );
}
