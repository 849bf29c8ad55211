// The form of one menu item, for a new item (添加菜品) or an existing one (编辑菜品).
import { useState, type FormEvent } from 'react';
import { MEAL_PERIOD_LABELS, MEAL_PERIODS, type MealPeriod } from '../../shared/atoms';
import { MENU_DIET_TAGS, type MenuItemRecord } from '../../shared/ledger/records';
import { fenToYuanString, parseYuan } from '../../shared/money';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import type { MenuItemDraft } from '../db/menu-repository';

type Draft = { name: string; price: string; kind: MenuItemRecord['kind']; subsidyEligible: boolean; periods: MealPeriod[]; numberKey: string; dietTags: MenuItemRecord['dietTags']; active: boolean };
const EMPTY: Draft = { name: '', price: '', kind: 'set', subsidyEligible: true, periods: ['lunch'], numberKey: '', dietTags: [], active: true };

const draftOf = ({ name, priceFen, kind, subsidyEligible, periods, numberKey, dietTags, active }: MenuItemRecord): Draft => ({
  name,
  price: fenToYuanString(priceFen),
  kind,
  subsidyEligible,
  periods,
  numberKey: numberKey ? String(numberKey) : '',
  dietTags,
  active,
});

const toggle = <T,>(list: readonly T[], value: T) => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

/** The draft as an item, or what is missing, in words. */
function parseDraft(draft: Draft): { ok: true; item: MenuItemDraft } | { ok: false; message: string } {
  const price = parseYuan(draft.price);
  if (!draft.name.trim()) return { ok: false, message: '请填写菜品名称' };
  if (!price.ok) return { ok: false, message: `价格：${price.message}` };
  if (!draft.periods.length) return { ok: false, message: '请至少选择一个餐次' };
  const { price: _price, numberKey, ...rest } = draft;
  return { ok: true, item: { ...rest, name: draft.name.trim(), priceFen: price.fen, ...(numberKey ? { numberKey: Number(numberKey) } : {}) } };
}

type Props = {
  /** The item edited; none for a new one. */
  item?: MenuItemRecord;
  /** Number keys held by other items on sale, with their names. */
  takenKeys: ReadonlyMap<number, string>;
  message: FormMessage | undefined;
  onMessage: (message: FormMessage) => void;
  /** Saves; resolves with the confirmation to show, or throws with the reason it was refused. */
  onSave: (item: MenuItemDraft) => Promise<string>;
  onCancel: () => void;
};

export function MenuItemForm({ item, takenKeys, message, onMessage, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => (item ? draftOf(item) : EMPTY));
  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const title = item ? '编辑菜品' : '添加菜品';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDraft(draft);
    if (!parsed.ok) return onMessage({ error: true, text: parsed.message });
    try {
      onMessage({ error: false, text: await onSave(parsed.item) });
      if (!item) setDraft(EMPTY);
    } catch (error) {
      onMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form className="panel form" onSubmit={(event) => void submit(event)} aria-label={title}>
      <h2>{item ? `编辑：${item.name}` : title}</h2>
      <label>
        名称 <input value={draft.name} onChange={(event) => set({ name: event.target.value })} maxLength={40} autoFocus={!!item} />
      </label>
      <label>
        价格（元） <input value={draft.price} onChange={(event) => set({ price: event.target.value })} inputMode="decimal" />
        {item && <span className="hint">改价只影响以后的消费，已记录的不变</span>}
      </label>
      <label>
        类型
        <select value={draft.kind} onChange={(event) => set({ kind: event.target.value as Draft['kind'] })}>
          <option value="set">套餐</option>
          <option value="dish">单品</option>
        </select>
      </label>
      <label>
        收银数字键
        <select value={draft.numberKey} onChange={(event) => set({ numberKey: event.target.value })}>
          <option value="">无</option>
          {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((key) => (
            <option key={key} value={key}>
              {key}
              {takenKeys.has(key) ? `（已给：${takenKeys.get(key)}）` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.subsidyEligible} onChange={(event) => set({ subsidyEligible: event.target.checked })} /> 可享受助餐补贴
      </label>
      {item && (
        <label className="check">
          <input type="checkbox" checked={draft.active} onChange={(event) => set({ active: event.target.checked })} /> 在售（不勾选则停售，收银台不再显示）
        </label>
      )}
      <fieldset>
        <legend>餐次</legend>
        {MEAL_PERIODS.map((period) => (
          <label key={period} className="check">
            <input type="checkbox" checked={draft.periods.includes(period)} onChange={() => set({ periods: toggle(draft.periods, period) })} /> {MEAL_PERIOD_LABELS[period]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>饮食标签</legend>
        {MENU_DIET_TAGS.map((tag) => (
          <label key={tag} className="check">
            <input type="checkbox" checked={draft.dietTags.includes(tag)} onChange={() => set({ dietTags: toggle(draft.dietTags, tag) })} /> {tag}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary">
          {item ? '保存' : '添加'}
        </button>
        {item && (
          <button type="button" onClick={onCancel}>
            取消
          </button>
        )}
      </div>
      <FormMessageLine message={message} />
    </form>
  );
}
