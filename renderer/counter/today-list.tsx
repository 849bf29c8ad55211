import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { LocalDate } from '../../shared/china-time';
import type { MealRecord } from '../../shared/ledger/records';
import { formatYuan } from '../../shared/money';
import { appLedger, db } from '../db/app-db';
import { mealsOnDay, voidsOf } from '../db/meals-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { printReceipt } from './print-receipt';

const SHOWN = 8;

/** The day's latest sales at the counter, each voidable with a manager's PIN and a reason. */
export function TodayList({ date, onNotice }: { date: LocalDate; onNotice: (text: string, failed?: boolean) => void }) {
  const today = useLiveQuery(async () => {
    const meals = await mealsOnDay(db, date);
    return { meals, voided: await voidsOf(db, meals.map((meal) => meal.id)) };
  }, [date]);
  const [voiding, setVoiding] = useState<MealRecord>();

  const voidMeal = async (meal: MealRecord, { manager, reason }: Approval) => {
    setVoiding(undefined);
    try {
      await (await appLedger()).voidMeal({ mealId: meal.id, reason, managerId: manager.id });
      onNotice(`已作废 ${meal.id}（${reason}，${manager.name}授权）`);
    } catch (error) {
      onNotice(`没有作废成功：${error instanceof Error ? error.message : String(error)}`, true);
    }
  };

  const reprint = async (meal: MealRecord) => {
    const printed = await printReceipt(meal, { reprint: true, evenIfOff: true });
    onNotice(printed?.ok ? `已补打 ${meal.id} 的小票` : `小票没有打印出来：${printed?.message ?? ''}`, !printed?.ok);
  };

  return (
    <section className="today" aria-labelledby="today-title">
      <h2 id="today-title">今日已收 {today?.meals.length ?? 0} 笔</h2>
      <ol reversed data-testid="today-list">
        {today?.meals
          .slice(-SHOWN)
          .reverse()
          .map((meal) => {
            const voided = today.voided.get(meal.id);
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
      </ol>
      {voiding && (
        <ManagerApproval
          title={`作废 ${voiding.id}`}
          detail={`${voiding.resident?.name ?? '散客'}，实付 ${formatYuan(voiding.payment.amountFen)}。作废会留下冲正记录，原记录不会删除。`}
          onApproved={(approval) => void voidMeal(voiding, approval)}
          onCancel={() => setVoiding(undefined)}
        />
      )}
    </section>
  );
}
