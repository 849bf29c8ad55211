import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { LocalDate } from '../../shared/china-time';
import type { MealRecord } from '../../shared/ledger/records';
import { formatYuan } from '../../shared/money';
import { appLedger, db } from '../db/app-db';
import { mealsOnDay, voidsOf } from '../db/meals-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { printReceipt } from './print-receipt';
import { newestFirst, matchesSale } from './today-order';

/**
 * Every sale of the day at the counter, newest first, each reprintable and voidable with a manager's PIN
 * and a reason. The list scrolls and can be narrowed by number or name, so any sale of the day is reachable.
 * `onDone` hands the focus back to the counter after each action: the next scan must land in its field.
 */
export function TodayList({ date, onNotice, onDone }: { date: LocalDate; onNotice: (text: string, failed?: boolean) => void; onDone: () => void }) {
  const today = useLiveQuery(async () => {
    const meals = await mealsOnDay(db, date);
    return { meals: newestFirst(meals), voided: await voidsOf(db, meals.map((meal) => meal.id)) };
  }, [date]);
  const [voiding, setVoiding] = useState<MealRecord>();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => today?.meals.filter((meal) => matchesSale(meal, filter)), [today, filter]);

  const voidMeal = async (meal: MealRecord, { manager, reason }: Approval) => {
    setVoiding(undefined);
    try {
      await (await appLedger()).voidMeal({ mealId: meal.id, reason, managerId: manager.id });
      onNotice(`已作废 ${meal.id}（${reason}，${manager.name}授权）`);
    } catch (error) {
      onNotice(`没有作废成功：${error instanceof Error ? error.message : String(error)}`, true);
    }
    onDone();
  };

  const reprint = async (meal: MealRecord) => {
    onDone();
    const printed = await printReceipt(meal, { reprint: true, evenIfOff: true });
    onNotice(printed?.ok ? `已补打 ${meal.id} 的小票` : `小票没有打印出来：${printed?.message ?? ''}`, !printed?.ok);
    // A browser's print dialog takes the focus while it is open: the next scan lands in the field again.
    onDone();
  };

  return (
    <section className="today" aria-labelledby="today-title">
      <div className="today-head">
        <h2 id="today-title">今日已收 {today?.meals.length ?? 0} 笔</h2>
        {(today?.meals.length ?? 0) > 0 && (
          <input
            className="today-filter"
            aria-label="查找今日的一笔"
            placeholder="按单号或姓名查找"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={(event) => {
              // Esc or Enter: done looking, back to the counter.
              if (event.key === 'Escape' || event.key === 'Enter') {
                event.preventDefault();
                event.nativeEvent.stopImmediatePropagation();
                if (event.key === 'Escape') setFilter('');
                onDone();
              }
            }}
          />
        )}
      </div>
      <ol data-testid="today-list">
        {shown?.map((meal) => {
          const voided = today!.voided.get(meal.id);
          return (
            <li key={meal.id} className={voided ? 'voided' : undefined}>
              <span>{meal.id}</span>
              <span>{meal.recordedAt.slice(11, 16)}</span>
              <span>{meal.resident?.name ?? '散客'}</span>
              <span className="money">{formatYuan(meal.payment.amountFen)}</span>
              <button type="button" className="link plain" onClick={() => void reprint(meal)} aria-label={`补打 ${meal.id}`}>
                补打
              </button>
              {voided ? (
                <span className="void-mark">已作废：{voided.reason}</span>
              ) : (
                <button type="button" className="link" onClick={() => setVoiding(meal)} aria-label={`作废 ${meal.id}`}>
                  作废
                </button>
              )}
            </li>
          );
        })}
        {filter && shown?.length === 0 && <li className="hint">今日没有“{filter}”这一笔</li>}
      </ol>
      {voiding && (
        <ManagerApproval
          title={`作废 ${voiding.id}`}
          detail={`${voiding.resident?.name ?? '散客'}，实付 ${formatYuan(voiding.payment.amountFen)}。作废会留下冲正记录，原记录不会删除。`}
          onApproved={(approval) => void voidMeal(voiding, approval)}
          onCancel={() => {
            setVoiding(undefined);
            onDone();
          }}
        />
      )}
    </section>
  );
}
