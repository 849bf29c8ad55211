import { useEffect, useState } from 'react';
import { persistenceState, type PersistenceState } from '../db/storage';

const TEXT: Record<PersistenceState, string> = {
  granted: '已获准永久保存：浏览器不会自行清除收银数据',
  refused: '浏览器未同意永久保存：磁盘空间不足时，浏览器可能清除收银数据。请务必每天备份，或使用桌面版。',
  unsupported: '此浏览器不支持永久保存：请务必每天备份，或使用桌面版。',
};

export function StoragePanel() {
  const [state, setState] = useState<PersistenceState>();
  useEffect(() => void persistenceState().then(setState), []);
  return (
    <section className="panel" aria-labelledby="storage-title">
      <h2 id="storage-title">数据保存</h2>
      <p data-testid="persistence" className={state && state !== 'granted' ? 'warning' : undefined}>
        {state ? TEXT[state] : '正在检查…'}
      </p>
    </section>
  );
}
