import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { formatYuan } from '../../shared/money';
import { PlacePage } from '../app/place-page';
import { db } from '../db/app-db';
import { addMenuItem, moveMenuItem, refuseTakenKey, updateMenuItem, type MenuItemDraft } from '../db/menu-repository';
import type { FormMessage } from '../app/form-message';
import { MenuItemForm } from './menu-item-form';
import { requireSignedIn } from '../people/session';
import { useManagerApproval } from '../people/use-approval';

type Step = -1 | 1;
const STEP_LABELS: Record<Step, string> = { [-1]: '上移', 1: '下移' };

export default function MenuPage() {
  const items = useLiveQuery(() => db.menuItems.orderBy('sortOrder').toArray(), []);
  const [editingId, setEditingId] = useState<string>();
  const [message, setMessage] = useState<FormMessage>();
  // The move button pressed last, and where its row goes: a row moved in the DOM loses focus, so it is given back.
  const [moved, setMoved] = useState<{ id: string; step: Step; to: number }>();
  const editing = items?.find((item) => item.id === editingId);

  const takenKeys = useMemo(
    () => new Map((items ?? []).flatMap((item) => (item.active && item.numberKey && item.id !== editingId ? [[item.numberKey, item.name] as const] : []))),
    [items, editingId],
  );

  useEffect(() => {
    if (!moved || items?.findIndex((item) => item.id === moved.id) !== moved.to) return;
    const pressed = document.getElementById(`move-${moved.step}-${moved.id}`) as HTMLButtonElement | null;
    // At the top or bottom the pressed button is disabled now: the other one takes the focus.
    (pressed && !pressed.disabled ? pressed : document.getElementById(`move-${-moved.step}-${moved.id}`))?.focus();
    setMoved(undefined);
  }, [moved, items]);

  const [askManager, approvalDialog] = useManagerApproval();
  const save = async (draft: MenuItemDraft) => {
    // Prices are money: a manager approves a new item and a new price; the rest names who is signed in.
    await refuseTakenKey(db, { ...draft, id: editing?.id ?? '' });
    const pricing = !editing || editing.priceFen !== draft.priceFen;
    const approval = pricing ? await askManager(editing ? `改价格：${draft.name} ${formatYuan(draft.priceFen)}` : `添加菜品：${draft.name} ${formatYuan(draft.priceFen)}`) : null;
    if (pricing && !approval) return '已取消，没有保存';
    const actorId = approval?.manager.id ?? requireSignedIn().id;
    const saved = editing ? await updateMenuItem(db, editing.id, draft, actorId) : await addMenuItem(db, draft, actorId);
    setEditingId(undefined);
    return `${editing ? '已保存' : '已添加'}：${saved.name} ${formatYuan(saved.priceFen)}`;
  };

  const move = async (id: string, step: Step, index: number) => {
    await moveMenuItem(db, id, step, requireSignedIn().id);
    setMoved({ id, step, to: index + step });
  };

  const edit = (id: string) => {
    setMessage(undefined);
    setEditingId(id);
  };

  return (
    <PlacePage place="menu">
      <section className="panel" aria-labelledby="menu-list-title">
        <h2 id="menu-list-title">菜品（收银台按此顺序显示）</h2>
        {items && items.length === 0 && <p className="hint">菜单是空的：请在下面添加菜品和套餐。</p>}
        {items && items.length > 0 && (
          <table className="table" data-testid="menu-items">
            <thead>
              <tr>
                <th>顺序</th>
                <th>数字键</th>
                <th>名称</th>
                <th>价格</th>
                <th>补贴</th>
                <th>餐次</th>
                <th>标签</th>
                <th>状态</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <tr key={item.id} aria-selected={item.id === editingId} className={item.active ? undefined : 'inactive'}>
                  <td className="order-buttons">
                    {([-1, 1] as const).map((step) => (
                      <button
                        key={step}
                        type="button"
                        id={`move-${step}-${item.id}`}
                        className="small"
                        aria-label={`${STEP_LABELS[step]} ${item.name}`}
                        title={STEP_LABELS[step]}
                        disabled={step === -1 ? index === 0 : index === items.length - 1}
                        onClick={() => void move(item.id, step, index)}
                      >
                        {step === -1 ? '↑' : '↓'}
                      </button>
                    ))}
                  </td>
                  <td>{item.numberKey ?? ''}</td>
                  <td>{item.name}</td>
                  <td className="money">{formatYuan(item.priceFen)}</td>
                  <td>{item.subsidyEligible ? '可补贴' : '不补贴'}</td>
                  <td>{item.periods.map((period) => MEAL_PERIOD_LABELS[period]).join('、')}</td>
                  <td>{item.dietTags.join('、')}</td>
                  <td>{item.active ? '在售' : '停售'}</td>
                  <td>
                    <button type="button" className="small" aria-label={`编辑 ${item.name}`} onClick={() => edit(item.id)}>
                      编辑
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <MenuItemForm
        key={editing?.id ?? 'new'}
        item={editing}
        takenKeys={takenKeys}
        message={message}
        onMessage={setMessage}
        onSave={save}
        onCancel={() => (setEditingId(undefined), setMessage(undefined))}
      />
      {approvalDialog}
    </PlacePage>
  );
}
