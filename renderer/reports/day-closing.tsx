import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { PaperKind } from '../../shared/bridge';
import { formatYuan, parseYuan } from '../../shared/money';
import { summarizeDay, type DaySummary } from '../../shared/reports/day-summary';
import { appLedger, db } from '../db/app-db';
import { mealsOnDay, voidsOf } from '../db/meals-repository';
import { readSetting } from '../db/settings-repository';
import { ManagerApproval } from '../people/manager-approval';
import { namedTakings } from './cashier-takings';
import { printContent } from '../print/print';
import { DayClosingSheet } from './day-closing-sheet';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { CrossTillReview } from '../sync/cross-till-review';
import { DateField } from '../app/date-field';

/** 日结: the day's figures, the cash count against the expected cash, printed and closed. */
export function DayClosing() {
  const [date, setDate] = useState(() => chinaIsoFromEpochMs(Date.now()).slice(0, 10));
  const [counted, setCounted] = useState('');
  const [approving, setApproving] = useState(false);
  const [message, setMessage] = useState<FormMessage>();
  const data = useLiveQuery(async () => {
    const meals = await mealsOnDay(db, date);
    const voids = await voidsOf(db, meals.map((meal) => meal.id));
    const closing = await db.dayClosings.get(date);
    const canteen = await readSetting(db, 'canteen');
    const closer = closing && (await db.cashiers.get(closing.closedBy));
    const summary = summarizeDay(date, meals, [...voids.values()]);
    summary.byCashier = await namedTakings(db, summary.byCashier ?? []);
    return { summary, closing, canteen, closerName: closer?.name ?? closing?.closedBy };
  }, [date]);

  const countedCash = counted ? parseYuan(counted) : null;
  if (!data) return null;
  const { closing, canteen } = data;
  // A closed day shows the figures as they were closed, whatever happened after.
  const summary = closing ? (closing.summary as DaySummary) : data.summary;
  const facts = closing
    ? { countedCashFen: closing.countedCashFen, closedBy: data.closerName, closedAt: closing.closedAt, chainHead: { seq: closing.seq, hash: closing.hash } }
    : { countedCashFen: countedCash?.ok ? countedCash.fen : null };

  const print = (paper: PaperKind) => void printContent(<DayClosingSheet canteenName={canteen.name} summary={summary} facts={facts} />, paper);

  const close = async (managerId: string) => {
    setApproving(false);
    if (!countedCash?.ok) return;
    try {
      await (await appLedger()).closeDay({ id: date, closedBy: managerId, expectedCashFen: summary.expectedCashFen, countedCashFen: countedCash.fen, summary });
      setMessage({ error: false, text: `${date} 已日结` });
    } catch (error) {
      setMessage({ error: true, text: `没有日结成功：${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <section className="panel" aria-labelledby="closing-title">
      <h2 id="closing-title">日结</h2>
      <CrossTillReview from={date} to={date} />
      <div className="actions">
        <label>
          日期 <DateField value={date} required onChange={setDate} />
        </label>
        {!closing && (
          <label>
            清点现金（元）
            <input value={counted} onChange={(event) => setCounted(event.target.value)} inputMode="decimal" aria-invalid={countedCash ? !countedCash.ok : undefined} />
          </label>
        )}
        {countedCash && !countedCash.ok && <span className="error">{countedCash.message}</span>}
      </div>
      <DayClosingSheet canteenName={canteen.name} summary={summary} facts={facts} />
      <div className="actions">
        <button type="button" onClick={() => print('a4')}>
          打印日结单（A4）
        </button>
        <button type="button" onClick={() => print('receipt80')}>
          打印（小票）
        </button>
        {!closing && (
          <button type="button" className="primary" disabled={!countedCash?.ok} onClick={() => setApproving(true)}>
            确认日结
          </button>
        )}
      </div>
      {closing && <p className="hint">本日已日结，数字不再改变；之后的作废计入作废当天。</p>}
      <FormMessageLine message={message} />
      {approving && countedCash?.ok && (
        <ManagerApproval
          title={`日结 ${date}`}
          detail={`应有现金 ${formatYuan(summary.expectedCashFen)}，清点 ${formatYuan(countedCash.fen)}。日结后当天数字不再改变。`}
          defaultReason="日结"
          onApproved={({ manager }) => void close(manager.id)}
          onCancel={() => setApproving(false)}
        />
      )}
    </section>
  );
}
