import { useState, type FormEvent } from 'react';
import { MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { voidFate } from '../../shared/claims/build-claim';
import type { MealRecord } from '../../shared/ledger/records';
import { formatYuan } from '../../shared/money';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { appLedger, db } from '../db/app-db';
import { ManagerApproval, type Approval } from '../people/manager-approval';

/**
 * 冲正: voids a meal of an earlier day, found by its number on the receipt or in the claim's 明细. A meal of
 * a claimed month is not changed: the void is reversed in the next claim (or left out of a new revision).
 */
export function ReverseMeal() {
  const [mealId, setMealId] = useState('');
  const [found, setFound] = useState<{ meal: MealRecord; voided: boolean }>();
  const [approving, setApproving] = useState(false);
  const [message, setMessage] = useState<FormMessage>();

  const find = async (event: FormEvent) => {
    event.preventDefault();
    setFound(undefined);
    const meal = await db.meals.get(mealId.trim().toUpperCase());
    if (!meal) return setMessage({ error: true, text: `找不到餐次 ${mealId.trim()}：请核对小票或申报明细上的餐次编号。` });
    setMessage(undefined);
    setFound({ meal, voided: (await db.voids.where('mealId').equals(meal.id).count()) > 0 });
  };

  const reverse = async ({ manager, reason }: Approval) => {
    setApproving(false);
    if (!found) return;
    try {
      const entry = await (await appLedger()).voidMeal({ mealId: found.meal.id, reason, managerId: manager.id });
      const fate = voidFate(found.meal, entry, await db.monthClosings.toArray());
      const where =
        fate.kind === 'reversed'
          ? `${found.meal.month} 已申报：将在 ${fate.month} 的申报中冲减 ${formatYuan(found.meal.subsidyFen)}（若先导出 ${found.meal.month} 的新版本，则由新版本剔除）。`
          : `${found.meal.month} 尚未申报：这一餐不会被申报。`;
      setFound({ meal: found.meal, voided: true });
      setMessage({ error: false, text: `已作废 ${found.meal.id}。${where}` });
    } catch (error) {
      setMessage({ error: true, text: `没有作废：${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const meal = found?.meal;
  return (
    <section className="panel" aria-labelledby="reverse-title">
      <h2 id="reverse-title">冲正（作废以前的餐次）</h2>
      <p className="hint">当天的消费在“收银 → 今日记录”作废。以前的消费在这里作废：已申报月份的不改原申报，在下一次申报中冲减。</p>
      <form className="actions" onSubmit={(event) => void find(event)}>
        <label>
          餐次编号 <input value={mealId} onChange={(event) => setMealId(event.target.value)} placeholder="如 TABCDE-123" data-testid="reverse-meal-id" />
        </label>
        <button type="submit">查找</button>
      </form>
      {meal && (
        <p data-testid="reverse-found">
          {meal.id}：{meal.date} {MEAL_PERIOD_LABELS[meal.mealPeriod]}，{meal.resident?.name ?? '散客'}，餐费 {formatYuan(meal.quote.grossFen)}，补贴 {formatYuan(meal.subsidyFen)}
          {found.voided ? '（已作废）' : ''}
          {!found.voided && (
            <button type="button" className="danger" onClick={() => setApproving(true)}>
              作废…
            </button>
          )}
        </p>
      )}
      <FormMessageLine message={message} testId="reverse-message" />
      {approving && meal && (
        <ManagerApproval title={`作废 ${meal.id}`} detail={`${meal.date} ${meal.resident?.name ?? '散客'} 的一餐`} onApproved={(approval) => void reverse(approval)} onCancel={() => setApproving(false)} />
      )}
    </section>
  );
}
