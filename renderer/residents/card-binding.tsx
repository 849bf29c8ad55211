// 绑定饭卡: a manager hands out meal cards down a list of the elders who have none, from the keyboard and a
// card reader only. The first elder is selected; a scan binds the card to them and selects the next; ↓ skips
// one, ↑ goes back, Ctrl+Z takes the last binding off again. A manager's PIN opens the session once, and every
// binding in it is audited with that manager's name.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { maskId } from '../../shared/id-number';
import type { ResidentRecord } from '../../shared/ledger/records';
import { searchKey } from '../../shared/search/normalize';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { db } from '../db/app-db';
import { bindMealCard, unbindMealCard, type CardActor } from '../db/meal-cards';
import { ManagerApproval } from '../people/manager-approval';

const SHOWN = 100;

/** By building (the address) first, so the list follows the manager's round, then by name. */
const byAddressThenName = (a: ResidentRecord, b: ResidentRecord) => (a.address ?? '').localeCompare(b.address ?? '', 'zh-CN', { numeric: true }) || a.name.localeCompare(b.name, 'zh-CN');

/** Whether `resident` matches the filter: part of the name or address (a building, 3号楼), or pinyin initials. */
function matches(resident: ResidentRecord, filter: string): boolean {
  const key = searchKey(filter);
  if (!key) return true;
  return searchKey(resident.name).includes(key) || searchKey(resident.address ?? '').includes(key) || (resident.pinyinInitials ?? '').replace(/ /g, '').startsWith(key);
}

type Bound = { residentId: string; name: string; card: string };

export function CardBinding({ onClose }: { onClose: () => void }) {
  const [manager, setManager] = useState<CardActor>();
  if (!manager) {
    return (
      <ManagerApproval
        title="绑定饭卡"
        detail="饭卡决定收银台把谁认作哪位老人、给谁补贴：由负责人绑定，每一张都记下负责人的名字。"
        defaultReason="绑定饭卡"
        onApproved={({ manager: approved }) => setManager({ id: approved.id, name: approved.name })}
        onCancel={onClose}
      />
    );
  }
  return <BindingList manager={manager} onClose={onClose} />;
}

function BindingList({ manager, onClose }: { manager: CardActor; onClose: () => void }) {
  const without = useLiveQuery(() => db.residents.filter((resident) => resident.status === 'active' && resident.mealCards.length === 0).toArray(), []);
  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState<string>();
  const [scanned, setScanned] = useState('');
  const [message, setMessage] = useState<FormMessage>();
  const [session, setSession] = useState<Bound[]>([]);
  const busy = useRef(false);
  const field = useRef<HTMLInputElement>(null);

  const list = useMemo(() => (without ?? []).filter((resident) => matches(resident, filter)).sort(byAddressThenName), [without, filter]);
  const selectedIndex = Math.max(0, list.findIndex((resident) => resident.id === selectedId));
  const selected = list[selectedIndex];

  useEffect(() => field.current?.focus(), []);
  useEffect(() => {
    document.getElementById(`card-candidate-${selected?.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected?.id]);

  const move = (step: number) => {
    const next = list[Math.min(list.length - 1, Math.max(0, selectedIndex + step))];
    if (next) setSelectedId(next.id);
  };

  /** Runs one change at a time: a second Enter while a binding is written does nothing. */
  const once = async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await work();
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      busy.current = false;
      field.current?.focus();
    }
  };

  const bind = (typed: string) =>
    once(async () => {
      if (!selected) return setMessage({ error: true, text: '名单里没有要绑定饭卡的老人' });
      // The next elder down the list is selected once this one has a card (and leaves the list).
      const next = list[selectedIndex + 1];
      const { card } = await bindMealCard(db, selected.id, typed, manager);
      setSession((done) => [...done, { residentId: selected.id, name: selected.name, card }]);
      setSelectedId(next?.id);
      setMessage({ error: false, text: `已绑定：${selected.name} ← 饭卡 ${card}` });
    });

  const undo = () =>
    once(async () => {
      const last = session[session.length - 1];
      if (!last) return setMessage({ error: true, text: '本次还没有绑定饭卡，没有可撤销的' });
      await unbindMealCard(db, last.residentId, last.card, manager);
      setSession((done) => done.slice(0, -1));
      setSelectedId(last.residentId);
      setMessage({ error: false, text: `已撤销：${last.name} 不再绑定饭卡 ${last.card}` });
    });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      // The field is emptied at once: the next card's keys must not join this one's.
      const typed = scanned;
      setScanned('');
      if (typed.trim()) void bind(typed);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      void undo();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setScanned('');
    }
  };

  return (
    <section className="panel card-binding" aria-labelledby="card-binding-title">
      <h2 id="card-binding-title">绑定饭卡（负责人：{manager.name}）</h2>
      <p className="hint">选中的老人刷一张卡就绑定，然后自动选中下一位。↓ 跳过，↑ 上一位，Ctrl+Z 撤销上一次绑定，Esc 清空读到的卡号。</p>
      <div className="actions">
        <label>
          刷饭卡{' '}
          <input
            ref={field}
            aria-label="刷饭卡"
            className="card-scan"
            autoComplete="off"
            spellCheck={false}
            value={scanned}
            placeholder={selected ? `给 ${selected.name} 刷卡` : ''}
            onChange={(event) => setScanned(event.target.value)}
            onKeyDown={onKeyDown}
          />
        </label>
        <label>
          筛选{' '}
          <input
            aria-label="筛选没有饭卡的老人"
            placeholder="姓名、拼音首字母或楼栋（如 3号楼）"
            value={filter}
            size={30}
            onChange={(event) => {
              setFilter(event.target.value);
              setSelectedId(undefined);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                field.current?.focus();
              }
            }}
          />
        </label>
        <button type="button" onClick={() => (move(1), field.current?.focus())} disabled={!list.length}>
          跳过（↓）
        </button>
        <button type="button" onClick={() => void undo()} disabled={!session.length}>
          撤销上一次（Ctrl+Z）
        </button>
        <button type="button" onClick={onClose}>
          完成
        </button>
      </div>
      <FormMessageLine message={message} testId="card-binding-message" />
      <p className="hint">
        没有饭卡的在册老人 {list.length} 人{list.length > SHOWN ? `，显示前 ${SHOWN} 人` : ''}；本次已绑定 {session.length} 张
      </p>
      <table className="table" data-testid="card-candidates" aria-label="没有饭卡的老人">
        <thead>
          <tr>
            <th>姓名</th>
            <th>证件号</th>
            <th>地址</th>
            <th>电话</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, Math.max(SHOWN, selectedIndex + 1)).map((resident) => (
            <tr key={resident.id} id={`card-candidate-${resident.id}`} aria-selected={resident.id === selected?.id} onClick={() => (setSelectedId(resident.id), field.current?.focus())}>
              <td>{resident.name}</td>
              <td>{maskId(resident.idNumber)}</td>
              <td>{resident.address ?? ''}</td>
              <td>{resident.phone ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {session.length > 0 && (
        <>
          <h3>本次绑定</h3>
          <ol className="card-session" data-testid="card-session">
            {session.map((bound) => (
              <li key={`${bound.residentId}-${bound.card}`}>
                {bound.name} ← {bound.card}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
