// Saving a confirmed sale: priced again at the moment it is written, inside the ledger's append, with the
// resident's history as the books hold it then (so two windows cannot both use one meal slot).
import type { Channel } from '../../shared/atoms';
import { residentFacts, residentSnapshot, type MealRecord, type PaymentMethod, type ResidentRecord } from '../../shared/ledger/records';
import type { Policy } from '../../shared/policy/schema';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { quoteMeal } from '../../shared/quote/quote';
import type { Canteen } from '../../shared/quote/types';
import { appLedger, db } from '../db/app-db';
import type { Rebooking } from '../db/ledger';
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
  /** Its own day was closed: a manager booked it to the next open day. */
  rebooking?: Rebooking | undefined;
  /** The person signed in at the till, who takes the money. */
  cashierId: string;
};

export async function recordSale({ resident, lines, channel, collectedBy, payment, tenderedFen, policies, canteen, override, rebooking, cashierId }: PendingSale): Promise<MealRecord> {
  // The other tills' meals count too (多台收银), as far as this till has pulled them: never waits on the hub.
  // They come from the hub's copies, not this till's chain, so they are read just before the append.
  const date = rebooking?.date ?? chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  const otherTills = resident ? await otherTillsHistory(db, resident.idNumber, date) : [];
  return (await appLedger()).recordMeal(
    {
      residentId: resident?.id ?? null,
      price: ({ servedAt, history }) => {
        const meal = { servedAt, channel, collectedBy, items: mealItems(lines) };
        const quote = quoteMeal({ policies, resident: resident && residentFacts(resident), meal, history: [...history, ...otherTills], canteen, options: { overrideLimits: !!override } });
        const cash = payment === 'cash' && tenderedFen !== undefined ? { tenderedFen, changeFen: Math.max(0, tenderedFen - quote.elderPaysFen) } : {};
        return {
          residentId: resident?.id ?? null,
          resident: resident && residentSnapshot(resident),
          meal,
          quote,
          payment: { method: payment, amountFen: quote.elderPaysFen, ...cash },
          cashierId,
          override: override && { managerId: override.manager.id, reason: override.reason },
        };
      },
    },
    rebooking,
  );
}
