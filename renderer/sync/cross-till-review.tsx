// 多台收银's lines to review, shown in 日结 and in the 申报 preview: an elder subsidised for the same meal
// at two tills (possible while one was cut off from the hub), and, for a month, the tills whose books
// this till does not yet hold up to their last closing.
import { useLiveQuery } from 'dexie-react-hooks';
import { monthDays } from '../../shared/china-time';
import { crossTillReview, tillsNotSyncedFor } from '../../shared/sync/cross-till';
import { db } from '../db/app-db';
import { mealIdsVoidedSince, mealsBetween } from '../db/meals-repository';
import { otherTillsClosings, otherTillsMeals } from './hub-rows';

async function review(from: string, to: string) {
  if (!(await db.hubRecords.count())) return null;
  const [own, ownVoided, others] = await Promise.all([mealsBetween(db, from, to), mealIdsVoidedSince(db, from), otherTillsMeals(db, from, to)]);
  const meals = [...own, ...others.meals];
  return { meals, lines: crossTillReview(meals, new Set([...ownVoided, ...others.voided])) };
}

export function CrossTillDayReview({ date }: { date: string }) {
  const data = useLiveQuery(() => review(date, date), [date]);
  if (!data?.lines.length) return null;
  return (
    <section className="attention" aria-label="多台收银核实">
      <ul data-testid="cross-till-review">
        {data.lines.map((line) => (
          <li key={line.mealIds.join()} className="warning">
            请核实：{line.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CrossTillMonthReview({ month }: { month: string }) {
  const data = useLiveQuery(async () => {
    const days = monthDays(month);
    const found = await review(days[0]!, days[days.length - 1]!);
    return found && { ...found, behind: tillsNotSyncedFor(month, found.meals, await otherTillsClosings(db)) };
  }, [month]);
  if (!data || (!data.lines.length && !data.behind.length)) return null;
  return (
    <section className="attention" aria-label="多台收银核实">
      <ul data-testid="cross-till-review">
        {data.behind.length > 0 && (
          <li className="warning">请核实：收银台 {data.behind.join('、')} 的账还没有同步到它最后一次日结，本月申报暂不含它全部的餐次</li>
        )}
        {data.lines.map((line) => (
          <li key={line.mealIds.join()} className="warning">
            请核实：{line.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
