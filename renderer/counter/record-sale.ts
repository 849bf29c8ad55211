// Saving a confirmed sale: priced again at the moment it is written, with the ledger's latest history.
import type { Channel } from '../../shared/atoms';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { residentFacts, residentSnapshot, type MealRecord, type PaymentMethod, type ResidentRecord } from '../../shared/ledger/records';
import type { Policy } from '../../shared/policy/schema';
import { quoteMeal } from '../../shared/quote/quote';
import type { Canteen } from '../../shared/quote/types';
import { appLedger, db } from '../db/app-db';
import { limitHistory } from '../db/meals-repository';
import { COUNTER_ID } from '../db/people-repository';
import { otherTillsHistory } from '../sync/hub-rows';
import type { Approval } from '../people/manager-approval';
import { mealItems, type OrderLine } from './order';

/** A sale as the cashier confirmed it, taken off the screen and waiting to be written. */
export type PendingSale = {
  resident: ResidentRecord | null;
  lines: OrderLine[];
  channel: Channel;
  collectedBy: string | null;
  payment: PaymentMethod;
  tenderedFen: number | undefined;
  policies: Policy[];
  canteen: Canteen;
  override: Approval | undefined;
};


export async function recordSale({ resident, lines, channel, collectedBy, payment, tenderedFen, policies, canteen, override }: PendingSale): Promise<MealRecord> {
  const servedAt = chinaIsoFromEpochMs(Date.now());
  const date = servedAt.slice(0, 10);
  // The other tills' meals count too (多台收银), as far as this till has pulled them: never waits on the hub.
  const history = resident ? [...(await limitHistory(db, resident.id, date)), ...(await otherTillsHistory(db, resident.idNumber, date))] : [];
  const meal = { servedAt, channel, collectedBy, items: mealItems(lines) };
  const quote = quoteMeal({ policies, resident: resident && residentFacts(resident), meal, history, canteen, options: { overrideLimits: !!override } });
  const cash = payment === 'cash' && tenderedFen !== undefined ? { tenderedFen, changeFen: Math.max(0, tenderedFen - quote.elderPaysFen) } : {};
  return (await appLedger()).recordMeal({
    residentId: resident?.id ?? null,
    resident: resident && residentSnapshot(resident),
    meal,
    quote,
    payment: { method: payment, amountFen: quote.elderPaysFen, ...cash },
    cashierId: COUNTER_ID,
    override: override && { managerId: override.manager.id, reason: override.reason },
  });
}
