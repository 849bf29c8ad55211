// First run (and the first start after a restore on a new PC, whose backup carried no PINs): before anything
// else the canteen names its first 负责人 and sets their PIN. From then on only a manager adds people.
import { useState, type FormEvent } from 'react';
import { diskTooFull } from '../app/books-guard';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { db } from '../db/app-db';
import { createFirstManager, MANAGER_PIN_DIGITS, pinProblem } from '../db/people-repository';
import { setSignedIn } from './session';

export function FirstManager() {
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<FormMessage>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const problem = !name.trim() ? '请填写负责人姓名' : (pinProblem(pin, 'manager') ?? (pin !== again ? '两次输入的密码不一致' : null));
    if (problem) return setMessage({ error: true, text: problem });
    setSaving(true);
    try {
      const full = await diskTooFull('无法设置负责人');
      if (full) {
        setMessage({ error: true, text: full });
        setSaving(false);
        return;
      }
      const manager = await createFirstManager(db, { name, pin });
      setSignedIn({ id: manager.id, name: manager.name, role: manager.role });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
      setSaving(false);
    }
  };

  return (
    <main className="gate">
      <form className="panel form gate-form" aria-label="设置负责人" onSubmit={(event) => void submit(event)}>
        <h1>设置本店负责人</h1>
        <p className="hint">
          第一次使用：请先设置食堂的负责人和密码（{MANAGER_PIN_DIGITS} 到 8 位数字）。作废、授权补贴、改价格、改居民类别、添加收银员等都需要负责人密码。
        </p>
        <label>
          负责人姓名 <input autoFocus value={name} onChange={(event) => setName(event.target.value)} maxLength={30} />
        </label>
        <label>
          负责人密码 <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} maxLength={8} />
        </label>
        <label>
          再输一次 <input type="password" inputMode="numeric" autoComplete="off" value={again} onChange={(event) => setAgain(event.target.value)} maxLength={8} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            设置负责人并登录
          </button>
        </div>
        <FormMessageLine message={message} />
      </form>
    </main>
  );
}
