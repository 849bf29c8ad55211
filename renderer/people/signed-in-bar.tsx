// Who is at the till, always on screen, and 换班 (F12): the till locks and the next person signs in.
import { useEffect } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { db } from '../db/app-db';
import { ROLE_LABELS } from '../db/people-repository';
import { setSignedIn, signedInPerson, useSignedInPerson } from './session';

export function handOver(): void {
  const person = signedInPerson();
  if (person) void db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId: person.id, action: 'sign_out', details: { name: person.name } });
  setSignedIn(null);
}

export function SignedInBar() {
  const person = useSignedInPerson();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F12') return;
      event.preventDefault();
      handOver();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!person) return null;
  return (
    <div className="signed-in" data-testid="signed-in">
      <span>
        {ROLE_LABELS[person.role]}：<strong>{person.name}</strong>
      </span>
      <button type="button" onClick={handOver}>
        换班 <kbd>F12</kbd>
      </button>
    </div>
  );
}
