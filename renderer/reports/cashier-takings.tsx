// 日结 per cashier: who took how much, and how much of it in cash, so each hands over their own drawer.
import { formatYuan } from '../../shared/money';
import type { CashierTakings } from '../../shared/reports/day-summary';
import type { CanteenDB } from '../db/canteen-db';
import { COUNTER_ID, COUNTER_NAME } from '../db/people-repository';

export async function namedTakings(db: CanteenDB, takings: readonly CashierTakings[]): Promise<CashierTakings[]> {
  const people = await db.cashiers.bulkGet(takings.map((entry) => entry.cashierId));
  return takings.map((entry, index) => ({ ...entry, name: entry.cashierId === COUNTER_ID ? COUNTER_NAME : (people[index]?.name ?? entry.cashierId) }));
}

export function CashierTakingsTable({ takings }: { takings: readonly CashierTakings[] | undefined }) {
  if (!takings?.length) return null;
  return (
    <>
      <h2>按收银员</h2>
      <table className="table" data-testid="closing-by-cashier">
        <thead>
          <tr>
            <th>收银员</th>
            <th>笔数</th>
            <th>收款合计</th>
            <th>其中现金</th>
          </tr>
        </thead>
        <tbody>
          {takings.map((entry) => (
            <tr key={entry.cashierId}>
              <td>{entry.name ?? entry.cashierId}</td>
              <td>{entry.meals}</td>
              <td className="money">{formatYuan(entry.takingsFen)}</td>
              <td className="money">{formatYuan(entry.cashFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
