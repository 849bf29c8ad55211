// 多台收银's lines to review, shown in 日结 and in the 申报 preview: an elder subsidised for the same meal
// at two tills (possible while one was cut off from the hub). Where each till's books stand for the month's
// claim is in the claim's own preview (renderer/db/claim-export.ts).
import { useLiveQuery } from 'dexie-react-hooks';
import { crossTillReview } from '../../shared/sync/cross-till';
import { db } from '../db/app-db';
import { mealIdsVoidedSince, mealsBetween } from '../db/meals-repository';
import { otherTillsMeals } from './hub-rows';

async function review(from: string, to: string) {
  if (!(await db.hubRecords.count())) return null;
  const [own, ownVoided, others] = await Promise.all([mealsBetween(db, from, to), mealIdsVoidedSince(db, from), otherTillsMeals(db, from, to)]);
  const meals = [...own, ...others.meals];
  return { meals, lines: crossTillReview(meals, new Set([...ownVoided, ...others.voided])) };
}

/** The lines to review of a day (日结) or of a month (the 申报 preview). */
export function CrossTillReview({ from, to }: { from: string; to: string }) {
  const data = useLiveQuery(() => review(from, to), [from, to]);
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
