import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { MEAL_PERIOD_LABELS, MEAL_PERIODS, type MealPeriod } from '../../shared/atoms';
import { MENU_DIET_TAGS, type MenuItemRecord } from '../../shared/ledger/records';
import { formatYuan, parseYuan } from '../../shared/money';
import { PlacePage } from '../app/place-page';
import { db } from '../db/app-db';
import { saveMenuItem } from '../db/menu-repository';
import { FormMessageLine, type FormMessage } from '../app/form-message';

type Draft = { name: string; price: string; kind: MenuItemRecord['kind']; subsidyEligible: boolean; periods: MealPeriod[]; numberKey: string; dietTags: MenuItemRecord['dietTags'] };
const EMPTY: Draft = { name: '', price: '', kind: 'set', subsidyEligible: true, periods: ['lunch'], numberKey: '', dietTags: [] };

const toggle = <T,>(list: readonly T[], value: T) => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

export default function MenuPage() {
  const items = useLiveQuery(() => db.menuItems.orderBy('sortOrder').toArray(), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [message, setMessage] = useState<FormMessage>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const price = parseYuan(draft.price);
    if (!draft.name.trim()) return setMessage({ error: true, text: '请填写菜品名称' });
    if (!price.ok) return setMessage({ error: true, text: `价格：${price.message}` });
    if (!draft.periods.length) return setMessage({ error: true, text: '请至少选择一个餐次' });
    const numberKey = draft.numberKey ? Number(draft.numberKey) : undefined;
    const saved = await saveMenuItem(
      db,
      {
        id: crypto.randomUUID(),
        name: draft.name.trim(),
        kind: draft.kind,
        priceFen: price.fen,
        subsidyEligible: draft.subsidyEligible,
        periods: draft.periods,
        numberKey,
        sortOrder: (items?.length ?? 0) + 1,
        dietTags: draft.dietTags,
        active: true,
      },
      'manager',
    );
    setMessage({ error: false, text: `已添加：${saved.name} ${formatYuan(saved.priceFen)}` });
    setDraft(EMPTY);
  };

  return (
    <PlacePage place="menu">
      <section className="panel" aria-labelledby="menu-list-title">
        <h2 id="menu-list-title">在售菜品</h2>
        {items && items.length === 0 && <p className="hint">菜单是空的：请在下面添加菜品和套餐。</p>}
        {items && items.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th>数字键</th>
                <th>名称</th>
                <th>价格</th>
                <th>补贴</th>
                <th>餐次</th>
                <th>标签</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.numberKey ?? ''}</td>
                  <td>{item.name}</td>
                  <td className="money">{formatYuan(item.priceFen)}</td>
                  <td>{item.subsidyEligible ? '可补贴' : '不补贴'}</td>
                  <td>{item.periods.map((period) => MEAL_PERIOD_LABELS[period]).join('、')}</td>
                  <td>{item.dietTags.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <form className="panel form" onSubmit={(event) => void submit(event)} aria-labelledby="menu-add-title">
        <h2 id="menu-add-title">添加菜品</h2>
        <label>
          名称 <input value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} maxLength={40} />
        </label>
        <label>
          价格（元） <input value={draft.price} onChange={(event) => setDraft({ ...draft, price: event.target.value })} inputMode="decimal" />
        </label>
        <label>
          类型
          <select value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value as Draft['kind'] })}>
            <option value="set">套餐</option>
            <option value="dish">单品</option>
          </select>
        </label>
        <label>
          收银数字键
          <select value={draft.numberKey} onChange={(event) => setDraft({ ...draft, numberKey: event.target.value })}>
            <option value="">无</option>
            {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.subsidyEligible} onChange={(event) => setDraft({ ...draft, subsidyEligible: event.target.checked })} /> 可享受助餐补贴
        </label>
        <fieldset>
          <legend>餐次</legend>
          {MEAL_PERIODS.map((period) => (
            <label key={period} className="check">
              <input type="checkbox" checked={draft.periods.includes(period)} onChange={() => setDraft({ ...draft, periods: toggle(draft.periods, period) })} /> {MEAL_PERIOD_LABELS[period]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>饮食标签</legend>
          {MENU_DIET_TAGS.map((tag) => (
            <label key={tag} className="check">
              <input type="checkbox" checked={draft.dietTags.includes(tag)} onChange={() => setDraft({ ...draft, dietTags: toggle(draft.dietTags, tag) })} /> {tag}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary">
            添加
          </button>
        </div>
        <FormMessageLine message={message} />
      </form>
    </PlacePage>
  );
}
