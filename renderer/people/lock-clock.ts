// PIN locks run down on performance.now(), which a change of the PC's clock does not move: moving the clock
// forward cannot end a lock, nor moving it back stretch one. A lock runs only while the till is open.
import type { CanteenDB } from '../db/canteen-db';
import { runDownLocks } from '../db/people-repository';

const TICK_MS = 5_000;
let running = false;

export function startLockClock(db: CanteenDB, now: () => number = () => performance.now()): void {
  if (running) return;
  running = true;
  let last = now();
  setInterval(() => {
    const current = now();
    const elapsed = current - last;
    last = current;
    void runDownLocks(db, elapsed).catch((error: unknown) => console.error('密码锁定计时失败', error));
  }, TICK_MS);
}
