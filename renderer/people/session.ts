// Who is at the till: the person signed in with their own PIN. Kept for this window only (sessionStorage), so
// a reload after a crash keeps the cashier, and closing the till signs them out. Sales, voids, closings,
// imports and exports name this person; manager actions still ask for a manager's PIN each time.
import { useSyncExternalStore } from 'react';
import type { Role } from '../db/people-repository';

export type SignedInPerson = { id: string; name: string; role: Role };

const KEY = 'canteen-till.signed-in';
const listeners = new Set<() => void>();
let cached: { raw: string | null; person: SignedInPerson | null } = { raw: null, person: null };

/** The signed-in person, or null while the till is locked. */
export function signedInPerson(): SignedInPerson | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cached.raw) {
    let person: SignedInPerson | null;
    try {
      const parsed = raw ? (JSON.parse(raw) as SignedInPerson) : null;
      person = parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string' && (parsed.role === 'manager' || parsed.role === 'cashier') ? parsed : null;
    } catch {
      person = null;
    }
    cached = { raw, person };
  }
  return cached.person;
}

/** The signed-in person for a record that must name one; throws while the till is locked. */
export function requireSignedIn(): SignedInPerson {
  const person = signedInPerson();
  if (!person) throw new Error('请先登录：收银台已锁定');
  return person;
}

function notify() {
  for (const listener of listeners) listener();
}

export function setSignedIn(person: SignedInPerson | null): void {
  if (person) sessionStorage.setItem(KEY, JSON.stringify({ id: person.id, name: person.name, role: person.role }));
  else sessionStorage.removeItem(KEY);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignedInPerson(): SignedInPerson | null {
  return useSyncExternalStore(subscribe, signedInPerson);
}
