import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { CHANNEL_LABELS, MEAL_PERIOD_LABELS, type Channel } from '../../shared/atoms';
import { chinaIsoFromEpochMs, toChinaLocal } from '../../shared/china-time';
import { residentFacts, type MealRecord, type PaymentMethod, type ResidentRecord } from '../../shared/ledger/records';
import { formatYuan, parseYuan } from '../../shared/money';
import { resolveMealPeriod } from '../../shared/quote/eligibility';
import { quoteMeal } from '../../shared/quote/quote';
import type { Canteen } from '../../shared/quote/types';
import { policiesForDate } from '../../shared/policy/versions';
import { spaceText, useStorageSpace } from '../app/books-guard';
import { PlacePage } from '../app/place-page';
import { appLedger, db } from '../db/app-db';
import { BooksClosedError } from '../db/ledger';
import { readHead } from '../db/ledger-head';
import { countedLimitHistory } from '../db/meals-repository';
import { otherTillsHistory } from '../sync/hub-rows';
import { menuFor } from '../db/menu-repository';
import { readSetting } from '../db/settings-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { Bill, limitRefused } from './bill';
import { addItem, CHANNEL_KEYS, mealItems, PAYMENT_KEYS, PAYMENT_LABELS, removeLast, searchItems, type OrderLine } from './order';
import { recordSale, type PendingSale } from './record-sale';
import { requireSignedIn } from '../people/session';
import { SaleOptions } from './sale-options';
import { CustomerCard } from './customer-card';
import { IdentifyField, type IdentifyHandle } from './identify-field';
import { ChangeDue, type Change } from './change-due';
import { DietTags } from './diet-tags';
import { strayKey } from './counter-focus';
import { printReceipt } from './print-receipt';
import { TodayList } from './today-list';
import { SetupGuide } from '../setup/setup-guide';
import { FailedSales, useFailedSales } from './failed-sales';
import { storageErrorText } from '../db/storage-errors';
import './counter.css';

type Customer = { kind: 'resident'; resident: ResidentRecord } | { kind: 'walk_in' };
type Notice =
  | { kind: 'saving' }
  | { kind: 'recorded'; meal: MealRecord; printProblem?: string }
  | { kind: 'closed'; sale: PendingSale; closed: BooksClosedError; order: number; confirmedAt: string }
  | { kind: 'error'; text: string }
  | { kind: 'info'; text: string };

/** How far behind the last record the clock may be before the counter says it looks wrong. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function CounterPage() {
  const now = useNow();
  const local = toChinaLocal(chinaIsoFromEpochMs(now))!;
  const policyVersions = useLiveQuery(() => db.policies.toArray(), []);
  const canteenArea = useLiveQuery(async () => (await readSetting(db, 'canteen')).areaCode, []);
  const canteen = useMemo<Canteen>(() => (canteenArea ? { area: canteenArea } : {}), [canteenArea]);
  // One version of each policy prices today's meals; see policiesForDate.
  const policies = useMemo(() => policyVersions && policiesForDate(policyVersions, local.date), [policyVersions, local.date]);
  const period = resolveMealPeriod(policies ?? [], local.minuteOfDay);
  const menu = useLiveQuery(() => menuFor(db, period), [period]);

  const [customer, setCustomer] = useState<Customer>();
  const [lines, setLines] = useState<OrderLine[]>([]);
  const [payment, setPayment] = useState<PaymentMethod>();
  const [tendered, setTendered] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const [override, setOverride] = useState<Approval>();
  const [channel, setChannel] = useState<Channel>('dine_in');
  /** 代领: who collected the meal for the elder; null when the elder came in person. */
  const [collectedBy, setCollectedBy] = useState<string | null>(null);
  const [itemSearch, setItemSearch] = useState('');
  const collectorField = useRef<HTMLInputElement>(null);
  const itemSearchField = useRef<HTMLInputElement>(null);
  const [askingOverride, setAskingOverride] = useState(false);
  const [askingRebook, setAskingRebook] = useState<Extract<Notice, { kind: 'closed' }>>();
  // Asked again at every notice: after each sale, and at once when a sale was refused or failed.
  const space = useStorageSpace(notice);
  const spaceWarning = spaceText(space);
  const lastAt = useLiveQuery(async () => (await readHead(db)).lastAt, []);
  const clockBehindMs = lastAt ? Date.parse(lastAt) - now : 0;
  const saveQueue = useRef<Promise<unknown>>(Promise.resolve());
  const failedSales = useFailedSales();
  const orderPanel = useRef<HTMLDivElement>(null);
  const tenderedField = useRef<HTMLInputElement>(null);
  const identify = useRef<IdentifyHandle>(null);
  /** The change of the last cash sale: shown large until the next elder is served. */
  const [change, setChange] = useState<Change>();

  const resident = customer?.kind === 'resident' ? customer.resident : null;
  const residentHistory = useLiveQuery(async () => {
    if (!resident) return null;
    const own = await countedLimitHistory(db, resident.id, local.date);
    return { residentId: resident.id, own, entries: [...own.entries, ...(await otherTillsHistory(db, resident.idNumber, local.date))] };
  }, [resident, local.date]);
  // The ledger keeps the elder's own history read above, while the dishes are chosen, so the sale's own
  // transaction only has to count it (Ledger.knowHistory): the commit stays short at the end of a month.
  useEffect(() => {
    if (residentHistory) void appLedger().then((ledger) => ledger.knowHistory(residentHistory.residentId, residentHistory.own)).catch(() => undefined);
  }, [residentHistory]);
  // useLiveQuery keeps its last answer while the next one runs: never price one elder with another's meals.
  const history = resident ? (residentHistory?.residentId === resident.id ? residentHistory.entries : undefined) : [];
  const quote = useMemo(
    () =>
      lines.length && policies && history
        ? quoteMeal({
            policies,
            resident: resident && residentFacts(resident),
            meal: { servedAt: chinaIsoFromEpochMs(now), channel, collectedBy: collectedBy || null, items: mealItems(lines) },
            history,
            canteen,
            options: { overrideLimits: !!override },
          })
        : null,
    [lines, policies, history, resident, now, override, channel, collectedBy, canteen],
  );

  /** Where the next key belongs: the scan field between elders, the order keys (or the cash field) during a sale. */
  const focusHome = () => {
    if (!customer) identify.current?.focus();
    else if (payment === 'cash') tenderedField.current?.focus();
    else orderPanel.current?.focus();
  };

  useEffect(() => {
    if (!customer) return;
    if (payment === 'cash') tenderedField.current?.focus();
    else orderPanel.current?.focus();
  }, [customer, payment]);

  // A dialog opened from a button that is gone once it closes (the rebooking's): the focus goes home only
  // after the dialog has left the page, which drops it on the body.
  const [homeAfterDialog, setHomeAfterDialog] = useState(0);
  useEffect(() => {
    // Only a new request moves the focus; focusHome reads refs and the sale on screen now.
    if (homeAfterDialog) focusHome();
  }, [homeAfterDialog]);

  /** A fresh sale for `next`, or no sale at all (undefined: back to identifying the next elder). */
  const startSale = (next: Customer | undefined) => {
    if (next) setChange(undefined);
    setCustomer(next);
    setLines([]);
    setPayment(undefined);
    setTendered('');
    setOverride(undefined);
    setChannel('dine_in');
    setCollectedBy(null);
    setItemSearch('');
  };
  const cancelSale = () => startSale(undefined);

  /**
   * Enter takes the sale off the screen at once, so the next elder can be scanned straight away, and saves
   * it in order behind any sale still being written. The status line says 已记录 only once the meal is on
   * disk; a sale that could not be saved stays on screen with a retry.
   */
  const confirm = () => {
    if (!customer || !lines.length || !policies) return;
    if (!payment) {
      setNotice({ kind: 'error', text: `请先选付款方式：${PAYMENT_KEYS.map(({ key, label }) => `${key} ${label}`).join('，')}，再按回车` });
      return;
    }
    // Below the floor a sale would fail on the disk: the sale stays on screen and the counter says why.
    if (space.level === 'stop') {
      setNotice({ kind: 'error', text: spaceWarning! });
      return;
    }
    const cash = payment === 'cash' && tendered ? parseYuan(tendered) : null;
    if (cash && (!cash.ok || (quote && cash.fen < quote.elderPaysFen))) {
      setNotice({ kind: 'error', text: cash.ok ? '收到的现金少于应付金额' : `收款金额：${cash.message}` });
      return;
    }
    const sale: PendingSale = { resident, lines, channel, collectedBy: collectedBy?.trim() || null, payment, tenderedFen: cash?.ok ? cash.fen : undefined, policies, canteen, override, cashierId: requireSignedIn().id };
    cancelSale();
    setChange(cash?.ok && quote ? { tenderedFen: cash.fen, changeFen: cash.fen - quote.elderPaysFen } : undefined);
    saveInOrder(sale);
  };

  /** `order` and `confirmedAt` are the sale's own from its first try: a retry keeps its place in the failed list. */
  const saveInOrder = (sale: PendingSale, order = failedSales.place(), confirmedAt = chinaIsoFromEpochMs(Date.now())) => {
    setNotice({ kind: 'saving' });
    saveQueue.current = saveQueue.current.then(() =>
      recordSale(sale).then(
        async (meal) => {
          failedSales.remove(order);
          setNotice({ kind: 'recorded', meal });
          // The sale is already on disk: a printer problem is reported, never allowed to block or undo it.
          const printed = await printReceipt(meal);
          if (printed && !printed.ok) setNotice({ kind: 'recorded', meal, printProblem: printed.message });
        },
        (error: unknown) => {
          // Kept on screen in the failed list until recorded or dismissed by a manager, whatever the cause.
          failedSales.add(order, sale, error, confirmedAt);
          if (error instanceof BooksClosedError) setNotice({ kind: 'closed', sale, closed: error, order, confirmedAt });
          else setNotice({ kind: 'error', text: `这笔没有记录成功，已列在下方“未记录成功的消费”中：${storageErrorText(error)}` });
        },
      ),
    );
  };
  const retryFailed = (order: number) => {
    for (const entry of failedSales.takeThrough(order)) saveInOrder(entry.sale, entry.order, entry.confirmedAt);
  };

  // Counter keys are heard on the window: right after a sale the focused panel is gone, and the next
  // scan must not depend on where the focus fell.
  const onKeyDown = (event: KeyboardEvent) => {
    // F1 on the counter itself: back to where the next scan or key belongs (the frame's F1 handler may
    // have seen it first; it only switches places).
    if (event.key === 'F1') {
      focusHome();
      return;
    }
    if (event.defaultPrevented) return;
    // A key that fell on the page body or a button (after a dialog, a click) goes where it was meant to.
    const stray = strayKey(event);
    if (stray) {
      if (!customer) {
        identify.current?.focus(stray.char ? { char: stray.char, at: event.timeStamp } : undefined);
        if (!stray.char) event.preventDefault();
        return;
      }
    }
    if (event.key === 'F9') {
      event.preventDefault();
      startSale({ kind: 'walk_in' });
      return;
    }
    if (!customer) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      cancelSale();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      confirm();
      return;
    }
    if (event.target instanceof HTMLInputElement) return;
    const item = /^[1-9]$/.test(event.key) ? menu?.find((entry) => entry.numberKey === Number(event.key)) : undefined;
    const method = PAYMENT_KEYS.find((entry) => entry.key === event.key.toUpperCase());
    const channelKey = CHANNEL_KEYS.find((entry) => entry.key === event.key.toUpperCase());
    if (item) setLines((current) => addItem(current, item));
    else if (method) setPayment(method.method);
    else if (channelKey) setChannel(channelKey.channel);
    // Focus moves within the keydown, so the very next key typed lands in the field.
    else if (event.key.toUpperCase() === 'L') {
      flushSync(() => setCollectedBy((current) => current ?? ''));
      collectorField.current?.focus();
    } else if (event.key === '/') itemSearchField.current?.focus();
    else if (event.key === 'Backspace') setLines((current) => removeLast(current));
    else if (event.key === 'F11' && limitRefused(quote) && !override) setAskingOverride(true);
    else return;
    event.preventDefault();
  };

  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <PlacePage place="counter" compact>
      <div className="counter" data-ready={menu !== undefined && policies !== undefined}>
        <div className="identify">
          <IdentifyField
            active={!customer}
            handle={identify}
            onResident={(found) => startSale({ kind: 'resident', resident: found })}
            onNotFound={(text) => setNotice({ kind: 'error', text })}
          />
          <span className="period">
            {MEAL_PERIOD_LABELS[period]} · {CHANNEL_LABELS[channel]}
          </span>
        </div>

        {spaceWarning && (
          <p className={space.level === 'stop' ? 'error banner' : 'warning banner'} role="alert" data-testid="space-warning">
            {spaceWarning}
          </p>
        )}
        {clockBehindMs > CLOCK_SLACK_MS && (
          <p className="warning banner" role="alert" data-testid="clock-warning">
            电脑时钟（{chinaIsoFromEpochMs(now).slice(0, 16).replace('T', ' ')}）比上一笔记录（{lastAt!.slice(0, 16).replace('T', ' ')}）早 {Math.round(clockBehindMs / 60_000)} 分钟：时钟可能被调回了。请核对电脑的日期和时间。
          </p>
        )}
        <p role="status" className={`notice ${notice?.kind === 'error' || notice?.kind === 'closed' ? 'error' : ''}`} data-testid="counter-notice">
          {notice?.kind === 'saving' && '正在记录…'}
          {notice?.kind === 'recorded' &&
            `已记录 ${notice.meal.id}：${notice.meal.resident?.name ?? '散客'} 实付 ${formatYuan(notice.meal.payment.amountFen)}（${PAYMENT_LABELS[notice.meal.payment.method]}）`}
          {notice?.kind === 'recorded' && notice.printProblem && <span className="warning">。小票没有打印出来（{notice.printProblem}），可在下方今日列表中补打。</span>}
          {(notice?.kind === 'error' || notice?.kind === 'info') && notice.text}
          {notice?.kind === 'closed' && (
            <>
              这笔没有记录：{notice.closed.message}（电脑时钟显示今天是 {notice.closed.date}；如果时钟不对，请先校正）。
              <button type="button" className="danger" onClick={() => setAskingRebook(notice)}>
                记入 {notice.closed.nextOpenDate}（负责人）
              </button>
            </>
          )}
        </p>
        {change && <ChangeDue change={change} />}
        <FailedSales failed={failedSales.failed} onRetry={retryFailed} onDismissed={failedSales.remove} onDone={focusHome} />

        {customer && (
          <div className="sale" ref={orderPanel} tabIndex={-1} aria-label="点餐">
            <CustomerCard resident={resident} date={local.date} policies={policies} history={history} />
            <SaleOptions
              channel={channel}
              onChannel={setChannel}
              collectedBy={collectedBy}
              onCollectedBy={setCollectedBy}
              collectorField={collectorField}
              itemSearch={itemSearch}
              onItemSearch={setItemSearch}
              itemSearchField={itemSearchField}
              menu={menu}
              onAddItem={(item) => setLines((current) => addItem(current, item))}
              onDone={() => orderPanel.current?.focus()}
            />
            <div className="order-area">
              <ul className="menu" aria-label="菜单">
                {menu && searchItems(menu, itemSearch).map((item) => (
                  <li key={item.id}>
                    <button type="button" onClick={() => setLines((current) => addItem(current, item))}>
                      {item.numberKey && <kbd className="key">{item.numberKey}</kbd>}
                      <span>{item.name}</span>
                      <DietTags tags={item.dietTags} />
                      <span className="money">{formatYuan(item.priceFen)}</span>
                    </button>
                  </li>
                ))}
                {menu?.length === 0 && <li className="hint">本餐次没有在售菜品：请先在“菜单”中添加。</li>}
              </ul>
              <Bill
                lines={lines}
                quote={quote}
                policies={policies ?? []}
                override={override}
                onAskOverride={() => setAskingOverride(true)}
                payment={payment}
                onPayment={setPayment}
                tendered={tendered}
                onTendered={setTendered}
                tenderedField={tenderedField}
                onConfirm={confirm}
              />
            </div>
          </div>
        )}

        {!customer && <SetupGuide />}
        <TodayList date={local.date} onNotice={(text, failed) => setNotice({ kind: failed ? 'error' : 'info', text })} onDone={focusHome} />
        {askingRebook && (
          <ManagerApproval
            title={`负责人授权：记入 ${askingRebook.closed.nextOpenDate}`}
            detail={`${askingRebook.closed.message}。这一笔将记入下一个未日结的营业日 ${askingRebook.closed.nextOpenDate}，授权人和原因记入账本。`}
            onApproved={({ manager, reason }) => {
              const { sale, closed } = askingRebook;
              setAskingRebook(undefined);
              failedSales.remove(askingRebook.order);
              saveInOrder({ ...sale, rebooking: { date: closed.nextOpenDate, managerId: manager.id, reason } }, askingRebook.order, askingRebook.confirmedAt);
              setHomeAfterDialog((count) => count + 1);
            }}
            onCancel={() => {
              setAskingRebook(undefined);
              setHomeAfterDialog((count) => count + 1);
            }}
          />
        )}
        {askingOverride && (
          <ManagerApproval
            title="负责人授权补贴"
            detail="本餐超出补贴限额。授权后按补贴价收费，授权人和原因记入账本。"
            onApproved={(approval) => {
              setOverride(approval);
              setAskingOverride(false);
              focusHome();
            }}
            onCancel={() => {
              setAskingOverride(false);
              focusHome();
            }}
          />
        )}
      </div>
    </PlacePage>
  );
}
