// The day's figures for 日结: what was served and taken, by period, channel, funder and payment method.
// Voided meals are left out of every total and listed with their reasons.
import { CHANNELS, MEAL_PERIODS, type Channel, type MealPeriod } from '../atoms';
import { PAYMENT_METHODS, type MealRecord, type PaymentMethod, type VoidRecord } from '../ledger/records';

export type FunderTotal = { funderId: string; funderName: string; claimable: boolean; amountFen: number };

export type DaySummary = {
  date: string;
  meals: number;
  persons: number;
  walkIns: number;
  byPeriod: Record<MealPeriod, { meals: number; grossFen: number }>;
  byChannel: Record<Channel, number>;
  grossFen: number;
  discountFen: number;
  subsidyFen: number;
  subsidyByFunder: FunderTotal[];
  /** Paid to deliverers; not part of what the elders paid. */
  deliverySubsidyFen: number;
  elderPaidFen: number;
  takingsByMethod: Record<PaymentMethod, number>;
  /** The cash that should be in the drawer from today's sales. */
  expectedCashFen: number;
  /** Takings per person at the till, for handing over the drawer; older closings lack it. */
  byCashier?: CashierTakings[];
  voids: { mealId: string; reason: string; managerId: string; voidedAt: string; amountFen: number }[];
  overrides: { mealId: string; managerId: string; reason: string }[];
};

/** `name` is added by the till when it shows or closes the day, so a closing keeps the names as they were. */
export type CashierTakings = { cashierId: string; name?: string; meals: number; takingsFen: number; cashFen: number };

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export function summarizeDay(date: string, meals: readonly MealRecord[], voids: readonly VoidRecord[]): DaySummary {
  const voided = new Map(voids.map((entry) => [entry.mealId, entry]));
  const served = meals.filter((meal) => meal.date === date && !voided.has(meal.id));
  const byPeriod = Object.fromEntries(MEAL_PERIODS.map((period) => [period, { meals: 0, grossFen: 0 }])) as DaySummary['byPeriod'];
  const byChannel = zeroes(CHANNELS);
  const takingsByMethod = zeroes(PAYMENT_METHODS);
  const funders = new Map<string, FunderTotal>();
  const persons = new Set<string>();
  const byCashier = new Map<string, CashierTakings>();
  const totals = { grossFen: 0, discountFen: 0, subsidyFen: 0, deliverySubsidyFen: 0, elderPaidFen: 0, walkIns: 0 };

  for (const meal of served) {
    const { quote } = meal;
    byPeriod[meal.mealPeriod].meals++;
    byPeriod[meal.mealPeriod].grossFen += quote.grossFen;
    byChannel[meal.meal.channel]++;
    takingsByMethod[meal.payment.method] += meal.payment.amountFen;
    const cashier = byCashier.get(meal.cashierId) ?? { cashierId: meal.cashierId, meals: 0, takingsFen: 0, cashFen: 0 };
    cashier.meals++;
    cashier.takingsFen += meal.payment.amountFen;
    if (meal.payment.method === 'cash') cashier.cashFen += meal.payment.amountFen;
    byCashier.set(meal.cashierId, cashier);
    if (meal.residentId) persons.add(meal.residentId);
    else totals.walkIns++;
    totals.grossFen += quote.grossFen;
    totals.elderPaidFen += quote.elderPaysFen;
    for (const line of quote.lines) {
      if (line.type === 'discount') totals.discountFen += line.amountFen;
      if (line.type === 'subsidy') totals.subsidyFen += line.amountFen;
      if (line.type !== 'subsidy') continue;
      for (const share of line.funders) {
        const total = funders.get(share.funderId) ?? { funderId: share.funderId, funderName: share.funderName, claimable: share.claimable, amountFen: 0 };
        total.amountFen += share.amountFen;
        funders.set(share.funderId, total);
      }
    }
    for (const line of quote.deliveryLines) totals.deliverySubsidyFen += line.amountFen;
  }

  return {
    date,
    meals: served.length,
    persons: persons.size,
    byPeriod,
    byChannel,
    ...totals,
    subsidyByFunder: [...funders.values()].sort((a, b) => (a.funderId < b.funderId ? -1 : 1)),
    takingsByMethod,
    expectedCashFen: takingsByMethod.cash,
    byCashier: [...byCashier.values()],
    voids: meals
      .filter((meal) => meal.date === date && voided.has(meal.id))
      .map((meal) => {
        const entry = voided.get(meal.id)!;
        return { mealId: meal.id, reason: entry.reason, managerId: entry.managerId, voidedAt: entry.voidedAt, amountFen: meal.payment.amountFen };
      }),
    overrides: served.filter((meal) => meal.override).map((meal) => ({ mealId: meal.id, ...meal.override! })),
  };
}
