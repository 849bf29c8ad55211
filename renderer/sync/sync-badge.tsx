// The frame's word on sync: nothing for a single till; 离线 when the hub cannot be reached (the till
// sells on, on its own data), with how many of its records wait to be sent.
import { startAppSync, useSyncStatus } from './app-sync';
import { useEffect } from 'react';
import './sync.css';

export function SyncBadge() {
  const status = useSyncStatus();
  useEffect(startAppSync, []);
  if (status.mode === 'single') return null;
  const offline = status.online === false;
  const label = status.online === null ? '连接中' : offline ? '离线' : status.problem ? '同步有问题' : '已联网';
  return (
    <div className="sync-badge" role="status" aria-label="多台收银" data-online={String(status.online)} title={status.problem ?? undefined}>
      {label}
      {status.unsent > 0 && <span className="sync-unsent">待上传 {status.unsent}</span>}
    </div>
  );
}
