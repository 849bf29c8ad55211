// Binding meal cards to elders. A card decides who is served as whom at the counter, and so who gets a
// subsidised meal: one card belongs to one elder only, whichever reader's form (decimal, hex, reversed hex)
// it was bound in, and every binding and unbinding names the manager who did it.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { maskId, parseIdNumber } from '../../shared/id-number';
import type { ResidentRecord } from '../../shared/ledger/records';
import { cardSpellings, normalizeCardNumber } from '../../shared/search/card-number';
import type { CanteenDB } from './canteen-db';

/** The manager a binding is done for, as the audit log names them. */
export type CardActor = { id: string; name: string };

export class CardBindingError extends Error {}

/** The elder who holds `card` (normalised) in any of its spellings, if anyone does. */
export async function holderOfCard(db: CanteenDB, card: string): Promise<ResidentRecord | undefined> {
  return db.residents.where('mealCards').anyOf(cardSpellings(card)).first();
}

const heldBy = (holder: ResidentRecord, card: string) => `饭卡 ${card} 已绑定给 ${holder.name}（${maskId(holder.idNumber)}），没有改动：一张卡只能绑定一位老人`;

/**
 * Binds the card `typed` (as a reader typed it) to the elder `residentId`, with an audit entry naming the
 * manager, in one transaction. A card held by anyone, this elder included, is refused and nothing changes.
 */
export async function bindMealCard(db: CanteenDB, residentId: string, typed: string, actor: CardActor, now = Date.now()): Promise<{ resident: ResidentRecord; card: string }> {
  const input = normalizeCardNumber(typed);
  if (!input.ok) throw new CardBindingError(input.message);
  const { card } = input;
  const at = chinaIsoFromEpochMs(now);
  // An ID card is found at the counter by its number already; bound as a card it could even point at another elder.
  if (parseIdNumber(card, at.slice(0, 10)).ok) throw new CardBindingError('刷的是身份证：身份证在收银台直接刷就能找到老人，不用绑定。请刷饭卡');
  return db.transaction('rw', db.residents, db.audit, async () => {
    const resident = await db.residents.get(residentId);
    if (!resident) throw new CardBindingError('找不到这位老人：名单可能已在别处修改，请重新选择');
    const holder = await holderOfCard(db, card);
    if (holder?.id === resident.id) throw new CardBindingError(`饭卡 ${card} 已经绑定给 ${resident.name}，不用再绑`);
    if (holder) throw new CardBindingError(heldBy(holder, card));
    const bound = { ...resident, mealCards: [...resident.mealCards, card], updatedAt: at };
    await db.residents.put(bound);
    await db.audit.add({ at, actorId: actor.id, action: 'meal_card_bind', details: { residentId, name: resident.name, card, by: actor.name } });
    return { resident: bound, card };
  });
}

/** Takes `card` off the elder again (撤销), audited like the binding; refused when the elder no longer holds it. */
export async function unbindMealCard(db: CanteenDB, residentId: string, card: string, actor: CardActor, now = Date.now()): Promise<ResidentRecord> {
  const at = chinaIsoFromEpochMs(now);
  return db.transaction('rw', db.residents, db.audit, async () => {
    const resident = await db.residents.get(residentId);
    if (!resident?.mealCards.includes(card)) throw new CardBindingError(`${resident?.name ?? '这位老人'}已经没有饭卡 ${card}，没有可撤销的绑定`);
    const unbound = { ...resident, mealCards: resident.mealCards.filter((held) => held !== card), updatedAt: at };
    await db.residents.put(unbound);
    await db.audit.add({ at, actorId: actor.id, action: 'meal_card_unbind', details: { residentId, name: resident.name, card, by: actor.name } });
    return unbound;
  });
}

/** A card in `cards` (an edit of `resident`'s cards) that another elder already holds, in words; else undefined. */
export async function cardHeldByOther(db: CanteenDB, resident: ResidentRecord, cards: readonly string[]): Promise<string | undefined> {
  for (const typed of cards) {
    const input = normalizeCardNumber(typed);
    if (!input.ok) return input.message;
    const holder = await holderOfCard(db, input.card);
    if (holder && holder.id !== resident.id) return heldBy(holder, input.card);
  }
  return undefined;
}
