import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import type { CashierRecord } from '../../shared/ledger/records';
import { db } from '../db/app-db';
import { addPerson, pinProblem } from '../db/people-repository';
import { FormMessageLine, type FormMessage } from '../app/form-message';

const ROLE_LABELS: Record<CashierRecord['role'], string> = { cashier: '收银员', manager: '负责人' };

export function PeoplePanel() {
  const people = useLiveQuery(() => db.cashiers.toArray(), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<CashierRecord['role']>('manager');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<FormMessage>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const problem = !name.trim() ? '请填写姓名' : (pinProblem(pin) ?? (pin !== again ? '两次输入的密码不一致' : null));
    if (problem) return setMessage({ error: true, text: problem });
    setSaving(true);
    try {
      const person = await addPerson(db, { name, role, pin }, 'manager');
      setMessage({ error: false, text: `已添加${ROLE_LABELS[person.role]}：${person.name}` });
      setName('');
      setPin('');
      setAgain('');
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="people-title">
      <h2 id="people-title">人员与密码</h2>
      <p className="hint">作废、补贴授权、恢复备份等操作需要负责人输入密码；密码只以加盐哈希保存，连续输错 5 次锁定 5 分钟。</p>
      {people && people.length > 0 && (
        <table className="table" data-testid="people">
          <thead>
            <tr>
              <th>姓名</th>
              <th>角色</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td>{person.name}</td>
                <td>{ROLE_LABELS[person.role]}</td>
                <td>{person.lockedUntil && Date.parse(person.lockedUntil) > Date.now() ? `已锁定至 ${person.lockedUntil.slice(11, 16)}` : '正常'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form" onSubmit={(event) => void submit(event)} aria-label="添加人员">
        <label>
          姓名 <input value={name} onChange={(event) => setName(event.target.value)} maxLength={30} />
        </label>
        <label>
          角色
          <select value={role} onChange={(event) => setRole(event.target.value as CashierRecord['role'])}>
            <option value="manager">负责人</option>
            <option value="cashier">收银员</option>
          </select>
        </label>
        <label>
          密码（4-8位数字） <input type="password" inputMode="numeric" value={pin} onChange={(event) => setPin(event.target.value)} maxLength={8} />
        </label>
        <label>
          再输一次 <input type="password" inputMode="numeric" value={again} onChange={(event) => setAgain(event.target.value)} maxLength={8} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            添加人员
          </button>
        </div>
        <FormMessageLine message={message} />
      </form>
    </section>
  );
}
