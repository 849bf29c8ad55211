import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './app/app.css';
import { bridge } from './bridge';
import { db } from './db/app-db';
import { requestPersistentStorage } from './db/storage';

const root = document.getElementById('root');
if (!root) throw new Error('页面缺少 #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Ask the browser not to evict the ledger; 设置 shows the answer.
void requestPersistentStorage();

// The canteen's signing key is made on first start, off the first screen's path.
void import('./db/signing-key')
  .then(({ ensureSigningKey }) => ensureSigningKey(db, bridge))
  .catch((error: unknown) => console.error('无法生成签名密钥', error));

// The daily backup runs a while after start and then hourly, away from the first sales of the day.
const BACKUP_CHECK_MS = 60 * 60 * 1000;
const runDueBackup = () =>
  import('./db/backup-files')
    .then(({ backupIfDue }) => backupIfDue(db, bridge, Date.now()))
    .catch((error: unknown) => console.error('自动备份失败', error));
setTimeout(() => {
  void runDueBackup();
  setInterval(() => void runDueBackup(), BACKUP_CHECK_MS);
}, 2 * 60 * 1000);
