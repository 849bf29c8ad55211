// The locked till: the next person picks their name (↑ ↓ from the PIN field) and types their own PIN, Enter.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { diskTooFull } from '../app/books-guard';
import { db } from '../db/app-db';
import { checkPin, ROLE_LABELS, signInList } from '../db/people-repository';
import { storageErrorKind } from '../db/storage-errors';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { setSignedIn } from './session';

const LAST_PERSON = 'canteen-till.last-signed-in';

/** Why a sign-in could not be recorded, in one Chinese sentence. */
export function signInFailure(error: unknown): string {
  return storageErrorKind(error) === 'disk_full'
    ? '无法登录：磁盘空间不足，登录记不进账本。请删除电脑上不用的文件、清空回收站，腾出空间后再登录。'
    : '无法登录：账本数据库暂时写不进去（常见原因是磁盘已满）。请腾出磁盘空间后再试；仍不成功请联系技术支持。';
}

export function SignIn({ notice }: { notice?: string }) {
  const people = useLiveQuery(() => signInList(db), []);
  const [personId, setPersonId] = useState(() => localStorage.getItem(LAST_PERSON) ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [checking, setChecking] = useState(false);
  const pinField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (people?.length && !people.some((person) => person.id === personId)) setPersonId(people[0]!.id);
  }, [people, personId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checking || !personId) return;
    setError('');
    setChecking(true);
    try {
      const full = await diskTooFull('无法登录');
      if (full) {
        setPin('');
        setError(full);
        return;
      }
      const checked = await checkPin(db, personId, pin);
      setPin('');
      if (!checked.ok) {
        setError(checked.message);
        pinField.current?.focus();
        return;
      }
      const { person } = checked;
      localStorage.setItem(LAST_PERSON, person.id);
      await db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId: person.id, action: 'sign_in', details: { name: person.name } });
      setSignedIn({ id: person.id, name: person.name, role: person.role });
    } catch (failure) {
      // The try is counted and the sign-in recorded in the books: a disk that cannot take them refuses the sign-in.
      setPin('');
      setError(signInFailure(failure));
    } finally {
      setChecking(false);
    }
  };

  // ↑ ↓ in the PIN field choose the person, so a sign-in never leaves the keyboard.
  const onPinKey = (event: KeyboardEvent) => {
    if (!people?.length || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const index = people.findIndex((person) => person.id === personId);
    const next = (index + (event.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length;
    setPersonId(people[next]!.id);
    setError('');
  };

  return (
    <main className="gate">
      <form className="panel form gate-form" aria-label="登录" onSubmit={(event) => void submit(event)}>
        <h1>请登录</h1>
        {notice && <p className="hint">{notice}</p>}
        <label>
          姓名
          <select value={personId} onChange={(event) => setPersonId(event.target.value)}>
            {people?.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}（{ROLE_LABELS[person.role]}）
              </option>
            ))}
          </select>
        </label>
        <label>
          密码
          <input ref={pinField} autoFocus type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} onKeyDown={onPinKey} maxLength={8} />
        </label>
        <p className="hint">↑ ↓ 选择姓名，输入自己的密码后按回车。</p>
        <p role="alert" className="error">
          {error}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={checking || !people?.length}>
            {checking ? '正在核对…' : '登录（回车）'}
          </button>
        </div>
      </form>
    </main>
  );
}
