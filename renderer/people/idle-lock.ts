// The till locks itself after N idle minutes (设置, default 10). Idle time is measured on performance.now(), so
// moving the PC's clock neither locks nor keeps open a till.
import { useEffect } from 'react';
import { db } from '../db/app-db';
import { readSetting } from '../db/settings-repository';
import { setSignedIn } from './session';

const CHECK_MS = 5_000;

export function useIdleLock(signedIn: boolean, onLocked: (minutes: number) => void): void {
  useEffect(() => {
    if (!signedIn) return;
    let lastActivity = performance.now();
    let idleMinutes = 10;
    void readSetting(db, 'session').then((settings) => (idleMinutes = settings.idleMinutes));
    const touch = () => (lastActivity = performance.now());
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, touch, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (performance.now() - lastActivity < idleMinutes * 60_000) return;
      onLocked(idleMinutes);
      setSignedIn(null);
    }, CHECK_MS);
    return () => {
      clearInterval(timer);
      for (const name of events) window.removeEventListener(name, touch, { capture: true });
    };
  }, [signedIn, onLocked]);
}
