import type { PrintResult } from '../../shared/bridge';
import type { MealRecord } from '../../shared/ledger/records';
import { db } from '../db/app-db';
import { COUNTER_ID, COUNTER_NAME } from '../db/people-repository';
import { readSetting } from '../db/settings-repository';
import { printContent } from '../print/print';
import { Receipt } from './receipt';

/** The name the cashier has now; sales from before sign-in name the counter. */
async function cashierName(cashierId: string): Promise<string> {
  if (cashierId === COUNTER_ID) return COUNTER_NAME;
  return (await db.cashiers.get(cashierId))?.name ?? cashierId;
}

/** Prints a sale's receipt on the paper chosen in 设置; `null` when receipts are switched off. */
export async function printReceipt(meal: MealRecord, { reprint = false, evenIfOff = false } = {}): Promise<PrintResult | null> {
  const [settings, canteen, cashier] = await Promise.all([readSetting(db, 'receipt'), readSetting(db, 'canteen'), cashierName(meal.cashierId)]);
  if (!settings.enabled && !evenIfOff) return null;
  return printContent(<Receipt meal={meal} canteen={canteen} cashierName={cashier} reprint={reprint} />, settings.paper, settings.printerName);
}
