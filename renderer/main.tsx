import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { runAutoBackup } from './app/auto-backup';
import { ErrorBoundary } from './app/error-boundary';
import './app/app.css';
import './app/support.css';
import { bridge } from './bridge';
import { db } from './db/app-db';
import { requestPersistentStorage } from './db/storage';

const root = document.getElementById('root');
if (!root) throw new Error('页面缺少 #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// Errors no page caught go to the support log (设置 → 关于).
const logError = (message: string) => void bridge.writeLog({ level: 'error', message: message.slice(0, 2000) }).catch(() => undefined);
window.addEventListener('error', (event) => logError(`未处理的错误：${event.message}`));
window.addEventListener('unhandledrejection', (event) => logError(`未处理的错误：${event.reason instanceof Error ? event.reason.message : String(event.reason)}`));

// Ask the browser not to evict the ledger; 设置 shows the answer.
void requestPersistentStorage();

// The canteen's signing key is made on first start, off the first screen's path.
void import('./db/signing-key')
  .then(({ ensureSigningKey }) => ensureSigningKey(db, bridge))
  .catch((error: unknown) => console.error('无法生成签名密钥', error));

// The daily backup runs a while after start and then hourly, away from the first sales of the day.
const BACKUP_CHECK_MS = 60 * 60 * 1000;
const runDueBackup = () => runAutoBackup(db, bridge, Date.now());
setTimeout(() => {
  void runDueBackup();
  setInterval(() => void runDueBackup(), BACKUP_CHECK_MS);
}, 2 * 60 * 1000);
