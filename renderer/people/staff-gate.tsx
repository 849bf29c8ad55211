// Nothing of the till shows until a person is signed in: on first run the first 负责人 is set up; after that the
// next person signs in with their own PIN. The same in 街道 mode, so office decisions can name their person.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { BooksUnavailable } from '../app/books-guard';
import { db, openMasterCopy } from '../db/app-db';
import { hasManager } from '../db/people-repository';
import { FirstManager } from './first-manager';
import { useIdleLock } from './idle-lock';
import { startLockClock } from './lock-clock';
import { setSignedIn, useSignedInPerson } from './session';
import { SignIn } from './sign-in';

export function StaffGate({ children }: { children: ReactNode }) {
  const person = useSignedInPerson();
  // The master data comes back from this computer's copy before the gate decides: a till whose database was
  // thrown away asks its own people to sign in, never for a new first manager.
  const [restoredFrom, setRestoredFrom] = useState<string | null>();
  useEffect(() => void openMasterCopy().then(setRestoredFrom), []);
  // A database that cannot be opened (most often a full disk) is said so here: nobody could sign in anyway.
  const managers = useLiveQuery(async () => {
    if (restoredFrom === undefined) return undefined;
    try {
      return { exists: await hasManager(db) };
    } catch (error) {
      return { failed: error instanceof Error ? error.message : String(error) };
    }
  }, [restoredFrom]);
  // The signed-in person must still be active with a PIN: a deactivated cashier is signed out at once.
  const stillActive = useLiveQuery(async () => {
    if (!person) return true;
    try {
      return !!(await db.cashiers.get(person.id))?.active;
    } catch {
      // A database that cannot be read now signs nobody out: the books' own check says what is wrong.
      return true;
    }
  }, [person?.id]);
  const [notice, setNotice] = useState<string>();
  useEffect(() => startLockClock(db), []);
  useEffect(() => {
    if (person && stillActive === false) setSignedIn(null);
  }, [person, stillActive]);
  const onIdle = useCallback((minutes: number) => setNotice(`已空闲 ${minutes} 分钟，收银台已自动锁定。`), []);
  useIdleLock(!!person, onIdle);

  if (managers === undefined) return null;
  if (managers.failed !== undefined) {
    return (
      <main className="gate">
        <BooksUnavailable message={managers.failed} />
      </main>
    );
  }
  if (!managers.exists) return <FirstManager />;
  const restoredNotice = restoredFrom ? `数据库曾丢失：人员、居民、菜单、政策和设置已从本机副本恢复（副本保存于 ${restoredFrom.slice(0, 16).replace('T', ' ')}）。` : undefined;
  if (!person) return <SignIn notice={notice ?? restoredNotice} />;
  return <>{children}</>;
}
