// Turning quotes into the history that later quotes' limits count.
import { quoteMeal } from './quote';
import type { HistoryEntry, Quote, QuoteInput } from './types';

/** What the ledger keeps of a quote so that later quotes can apply limits. */
export function historyEntryFromQuote(q: Quote): HistoryEntry {
  // Loops, not a spread and a map: the office prices every line of a month's claims again through here.
  const benefits: HistoryEntry['benefits'] = [];
  for (const l of q.lines) benefits.push({ policyId: l.policyId, ruleId: l.ruleId, groupId: l.groupId, amountFen: l.amountFen });
  for (const l of q.deliveryLines) benefits.push({ policyId: l.policyId, ruleId: l.ruleId, groupId: l.groupId, amountFen: l.amountFen });
  return { date: q.date, mealPeriod: q.mealPeriod, benefits };
}

/**
 * Quotes meals in order, each seeing the ones before it as history (after `history`, which is
 * not modified). For scenario files, tests and replays.
 */
export function quoteSequence(base: Omit<QuoteInput, 'meal' | 'history'>, meals: readonly QuoteInput['meal'][], history: readonly HistoryEntry[] = []): Quote[] {
  const seen = [...history];
  return meals.map((meal) => {
    const q = quoteMeal({ ...base, meal, history: seen });
    seen.push(historyEntryFromQuote(q));
    return q;
  });
}
