import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import type { CashierRecord } from '../../shared/ledger/records';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { db } from '../db/app-db';
import { addPerson, changePerson, isLocked, MANAGER_PIN_DIGITS, pinProblem, ROLE_LABELS, type PersonChange, type Role } from '../db/people-repository';
import { readSetting, writeSetting } from '../db/settings-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';

type Pending = { title: string; detail?: string; run: (approval: Approval) => Promise<string> };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** 人员与密码: every change to people needs a manager's PIN, and the audit log names that manager. */
export function PeoplePanel() {
  const people = useLiveQuery(() => db.cashiers.toArray(), []);
  const session = useLiveQuery(() => readSetting(db, 'session'), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [idle, setIdle] = useState('');
  const [editing, setEditing] = useState<{ person: CashierRecord; pin: string; role: Role }>();
  const [pending, setPending] = useState<Pending>();
  const [message, setMessage] = useState<FormMessage>();

  const approve = async (approval: Approval) => {
    const action = pending!;
    setPending(undefined);
    try {
      setMessage({ error: false, text: await action.run(approval) });
    } catch (error) {
      setMessage({ error: true, text: errorText(error) });
    }
  };

  const submitAdd = (event: FormEvent) => {
    event.preventDefault();
    const problem = !name.trim() ? '请填写姓名' : (pinProblem(pin, role) ?? (pin !== again ? '两次输入的密码不一致' : null));
    if (problem) return setMessage({ error: true, text: problem });
    setPending({
      title: `添加${ROLE_LABELS[role]}：${name.trim()}`,
      run: async ({ manager }) => {
        const person = await addPerson(db, { name, role, pin }, manager.id);
        setName('');
        setPin('');
        setAgain('');
        return `已添加${ROLE_LABELS[person.role]}：${person.name}`;
      },
    });
  };

  const change = (person: CashierRecord, what: string, changes: PersonChange) =>
    setPending({
      title: `${what}：${person.name}`,
      run: async ({ manager }) => {
        await changePerson(db, person.id, changes, manager.id);
        setEditing(undefined);
        return `已${what}：${person.name}`;
      },
    });

  const submitEdit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const roleChanged = editing.role !== editing.person.role;
    if (editing.pin || editing.role === 'manager' && roleChanged) {
      const problem = pinProblem(editing.pin, editing.role);
      if (problem) return setMessage({ error: true, text: problem });
    }
    change(editing.person, roleChanged ? `改为${ROLE_LABELS[editing.role]}` : '更换密码', { role: editing.role, ...(editing.pin ? { pin: editing.pin } : {}) });
  };

  const submitIdle = (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number(idle);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) return setMessage({ error: true, text: '自动锁定时间应为 1 到 120 分钟' });
    setPending({
      title: `空闲 ${minutes} 分钟自动锁定`,
      run: async ({ manager }) => {
        await writeSetting(db, 'session', { idleMinutes: minutes }, manager.id);
        setIdle('');
        return `已设置：空闲 ${minutes} 分钟自动锁定（下次登录起生效）`;
      },
    });
  };

  return (
    <section className="panel" aria-labelledby="people-title">
      <h2 id="people-title">人员与密码</h2>
      <p className="hint">
        每位收银员用自己的密码登录；添加、停用人员，改角色、改密码都需要负责人密码。负责人密码至少 {MANAGER_PIN_DIGITS} 位；密码只以加盐哈希保存，不进备份；连续输错 5 次锁定 5 分钟。
      </p>
      {people && people.length > 0 && (
        <table className="table" data-testid="people">
          <thead>
            <tr>
              <th>姓名</th>
              <th>角色</th>
              <th>状态</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td>{person.name}</td>
                <td>{ROLE_LABELS[person.role]}</td>
                <td>{!person.active ? '已停用' : !person.pin ? '未设密码' : isLocked(person) ? `已锁定，约 ${Math.ceil(person.lockRemainingMs! / 60_000)} 分钟后解锁` : '正常'}</td>
                <td className="actions">
                  <button type="button" onClick={() => setEditing({ person, pin: '', role: person.role })}>
                    改密码/角色 {person.name}
                  </button>
                  <button type="button" onClick={() => change(person, person.active ? '停用' : '启用', { active: !person.active })}>
                    {person.active ? '停用' : '启用'} {person.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <form className="form" aria-label="修改人员" onSubmit={submitEdit}>
          <p>修改：{editing.person.name}</p>
          <label>
            角色
            <select value={editing.role} onChange={(event) => setEditing({ ...editing, role: event.target.value as Role })}>
              <option value="cashier">收银员</option>
              <option value="manager">负责人</option>
            </select>
          </label>
          <label>
            新密码 <input type="password" inputMode="numeric" autoComplete="off" value={editing.pin} onChange={(event) => setEditing({ ...editing, pin: event.target.value })} maxLength={8} />
          </label>
          <div className="actions">
            <button type="submit" className="primary">
              保存修改
            </button>
            <button type="button" onClick={() => setEditing(undefined)}>
              取消
            </button>
          </div>
        </form>
      )}
      <form className="form" onSubmit={submitAdd} aria-label="添加人员">
        <label>
          姓名 <input value={name} onChange={(event) => setName(event.target.value)} maxLength={30} />
        </label>
        <label>
          角色
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <option value="cashier">收银员</option>
            <option value="manager">负责人</option>
          </select>
        </label>
        <label>
          密码（收银员4-8位，负责人6-8位数字） <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} maxLength={8} />
        </label>
        <label>
          再输一次 <input type="password" inputMode="numeric" autoComplete="off" value={again} onChange={(event) => setAgain(event.target.value)} maxLength={8} />
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            添加人员
          </button>
        </div>
      </form>
      <form className="form" onSubmit={submitIdle} aria-label="自动锁定">
        <label>
          空闲多少分钟自动锁定（现为 {session?.idleMinutes ?? 10} 分钟）
          <input inputMode="numeric" value={idle} onChange={(event) => setIdle(event.target.value)} maxLength={3} />
        </label>
        <div className="actions">
          <button type="submit">保存</button>
        </div>
      </form>
      <FormMessageLine message={message} testId="people-message" />
      {pending && <ManagerApproval title={pending.title} detail={pending.detail} defaultReason={pending.title} onApproved={(approval) => void approve(approval)} onCancel={() => setPending(undefined)} />}
    </section>
  );
}
