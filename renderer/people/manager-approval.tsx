import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CashierRecord } from '../../shared/ledger/records';
import { db } from '../db/app-db';
import { activeManagers, checkPin } from '../db/people-repository';
import { signedInPerson } from './session';

export type Approval = { manager: CashierRecord; reason: string };

/** The signed-in manager first: the one most likely to be approving. */
function firstChoice(people: readonly CashierRecord[]): string {
  return people.find((person) => person.id === signedInPerson()?.id)?.id ?? people[0]?.id ?? '';
}

/**
 * A manager approves an action at the counter with their PIN and a reason (void, subsidy override…).
 * A modal dialog: Esc cancels, Enter approves; focus starts in the reason field.
 */
export function ManagerApproval({
  title,
  detail,
  defaultReason = '',
  onApproved,
  onCancel,
}: {
  title: string;
  detail?: string;
  defaultReason?: string;
  onApproved: (approval: Approval) => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const people = useLiveQuery(() => activeManagers(db), []);
  const [managerId, setManagerId] = useState('');
  const [reason, setReason] = useState(defaultReason);
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  useEffect(() => {
    if (!managerId && people?.[0]) setManagerId(firstChoice(people));
  }, [people, managerId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checking) return;
    if (!reason.trim()) return setError('请写明原因');
    setChecking(true);
    // Enter may come before the list has loaded (a manager who types fast): the PIN is checked against the
    // manager the list would offer first, rather than the key being dropped.
    const approver = managerId || firstChoice(await activeManagers(db));
    // The role of the person whose PIN was given is what counts, whatever the list offered.
    const checked = await checkPin(db, approver, pin, { role: 'manager' });
    setChecking(false);
    if (checked.ok) onApproved({ manager: checked.person, reason: reason.trim() });
    else {
      setError(checked.message);
      setPin('');
    }
  };

  return (
    <dialog
      ref={dialog}
      className="approval"
      aria-labelledby="approval-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      // Keys typed here belong to the dialog, not to the counter behind it.
      onKeyDown={(event) => event.stopPropagation()}
    >
      {/* A submit here is the dialog's alone: it must not reach a form the dialog happens to sit in. */}
      <form
        method="dialog"
        onSubmit={(event) => {
          event.stopPropagation();
          void submit(event);
        }}
      >
        <h2 id="approval-title">{title}</h2>
        {detail && <p>{detail}</p>}
        {people?.length === 0 ? (
          <p className="error">还没有负责人：请先在“设置 → 人员与密码”中添加负责人和密码。</p>
        ) : (
          <>
            <label>
              原因
              <input autoFocus value={reason} onChange={(event) => setReason(event.target.value)} maxLength={100} />
            </label>
            <label>
              负责人
              <select value={managerId} onChange={(event) => setManagerId(event.target.value)}>
                {people?.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              负责人密码
              <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} maxLength={8} />
            </label>
          </>
        )}
        <p role="alert" className="error">
          {error}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={checking || people?.length === 0}>
            {checking ? '正在核对…' : '确认（回车）'}
          </button>
          <button type="button" onClick={onCancel}>
            取消（Esc）
          </button>
        </div>
      </form>
    </dialog>
  );
}
