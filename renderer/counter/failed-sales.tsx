// Sales the cashier confirmed that could not be written (a full disk, a broken store). Every one stays on
// screen, in the order it was confirmed, until it is recorded or a manager dismisses it with PIN and reason.
import { useState, useSyncExternalStore } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { db } from '../db/app-db';
import { storageErrorText } from '../db/storage-errors';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { PAYMENT_LABELS } from './order';
import type { PendingSale } from './record-sale';

export type FailedSale = {
  /** The sale's place in the order of confirmation: a retry keeps it, so the list never reorders. */
  order: number;
  sale: PendingSale;
  /** When the cashier confirmed it (China time, to the minute on screen). */
  confirmedAt: string;
  /** Chinese: what went wrong and what to do. */
  text: string;
  /** The error as the storage layer gave it, for whoever maintains the till. */
  detail: string;
  /** Being written again right now. */
  retrying?: boolean;
};

/**
 * The failed sales, oldest first. Kept outside the counter's component, so leaving the counter for another
 * page and coming back loses none of them (they last as long as the window: a restart does lose them).
 */
let failedSales: readonly FailedSale[] = [];
let lastPlace = 0;
const listeners = new Set<() => void>();
function setFailed(next: readonly FailedSale[]) {
  failedSales = next;
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The next place in the order of confirmation: taken when the sale is confirmed, before it is written. */
function place(): number {
  return ++lastPlace;
}

/** A sale that failed (again): back in its own place, ready to retry. */
function add(order: number, sale: PendingSale, error: unknown, confirmedAt: string) {
  const entry: FailedSale = { order, sale, confirmedAt, text: storageErrorText(error), detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  setFailed([...failedSales.filter((other) => other.order !== order), entry].sort((a, b) => a.order - b.order));
}

/** The sales up to and including `order` not already being written, oldest first; they stay listed, marked, until written. */
function takeThrough(order: number): FailedSale[] {
  const taken = failedSales.filter((entry) => entry.order <= order && !entry.retrying);
  setFailed(failedSales.map((entry) => (taken.includes(entry) ? { ...entry, retrying: true } : entry)));
  return taken;
}

function remove(order: number) {
  if (failedSales.some((entry) => entry.order === order)) setFailed(failedSales.filter((entry) => entry.order !== order));
}

/** The failed sales, oldest first, and the moves the counter makes on them. */
export function useFailedSales() {
  const failed = useSyncExternalStore(subscribe, () => failedSales);
  return { failed, place, add, takeThrough, remove };
}

const describe = ({ sale }: FailedSale) =>
  `${sale.resident?.name ?? '散客'}：${sale.lines.map((line) => `${line.item.name}×${line.quantity}`).join('、')}（${PAYMENT_LABELS[sale.payment]}）`;

/**
 * The list under the counter's status line. 重新记录 writes the sale again, behind every older failed sale
 * (a sale never overtakes one confirmed before it); 放弃 needs a manager's PIN and reason, and is audited.
 */
export function FailedSales({
  failed,
  onRetry,
  onDismissed,
  onDone,
}: {
  failed: readonly FailedSale[];
  /** Write again every failed sale up to and including this one, in their order. */
  onRetry: (order: number) => void;
  onDismissed: (order: number) => void;
  /** Hands the focus back to the counter after each action: the next scan must land in its field. */
  onDone: () => void;
}) {
  const [dismissing, setDismissing] = useState<FailedSale>();
  const [problem, setProblem] = useState('');

  const dismiss = async (entry: FailedSale, { manager, reason }: Approval) => {
    setDismissing(undefined);
    try {
      // The sale was never written, so the audit log is the only place that remembers it was given up, and by whom.
      await db.audit.add({
        at: chinaIsoFromEpochMs(Date.now()),
        actorId: manager.id,
        action: 'failed_sale_dismissed',
        details: {
          manager: manager.name,
          reason,
          confirmedAt: entry.confirmedAt,
          residentId: entry.sale.resident?.id ?? null,
          residentName: entry.sale.resident?.name ?? null,
          items: entry.sale.lines.map((line) => ({ itemId: line.item.id, name: line.item.name, priceFen: line.item.priceFen, quantity: line.quantity })),
          payment: entry.sale.payment,
          error: entry.detail,
        },
      });
      setProblem('');
      onDismissed(entry.order);
    } catch (error) {
      setProblem(`没有放弃成功：${storageErrorText(error)}`);
    }
    onDone();
  };
  const retry = (order: number) => {
    onRetry(order);
    onDone();
  };

  if (!failed.length) return null;
  return (
    <section className="failed-sales" aria-labelledby="failed-sales-title" data-testid="failed-sales">
      <h2 id="failed-sales-title">
        未记录成功的消费 {failed.length} 笔
        {failed.length > 1 && (
          <button type="button" className="danger" onClick={() => retry(failed[failed.length - 1]!.order)}>
            全部按顺序重新记录
          </button>
        )}
      </h2>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <ol>
        {failed.map((entry) => (
          <li key={entry.order} data-order={entry.order}>
            <span className="when">{entry.confirmedAt.slice(11, 16)}</span>
            <span className="what">{describe(entry)}</span>
            <span className="why" title={entry.detail}>
              {entry.text}
            </span>
            <button type="button" className="danger" disabled={entry.retrying} onClick={() => retry(entry.order)}>
              {entry.retrying ? '正在记录…' : '重新记录'}
            </button>
            <button type="button" className="link" disabled={entry.retrying} onClick={() => setDismissing(entry)}>
              放弃
            </button>
          </li>
        ))}
      </ol>
      {dismissing && (
        <ManagerApproval
          title="放弃这笔未记录的消费"
          detail={`${describe(dismissing)}。这笔没有记入账本；放弃后不再重新记录，负责人和原因记入操作日志。`}
          onApproved={(approval) => void dismiss(dismissing, approval)}
          onCancel={() => {
            setDismissing(undefined);
            onDone();
          }}
        />
      )}
    </section>
  );
}
