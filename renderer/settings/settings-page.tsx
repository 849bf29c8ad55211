import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/bridge';
import { PlacePage } from '../app/place-page';
import { bridge } from '../bridge';
import { AboutPanel } from './about-panel';
import { BackupPanel } from './backup-panel';
import { CanteenPanel } from './canteen-panel';
import { LedgerPanel } from './ledger-panel';
import { ModePanel } from './mode-panel';
import { OfficeKeyPanel } from './office-key-panel';
import { PeoplePanel } from './people-panel';
import { ReceiptPanel } from './receipt-panel';
import { SigningKeyPanel } from './signing-key-panel';
import { StoragePanel } from './storage-panel';
import { SyncPanel } from './sync-panel';

type KeyStoreState = 'checking' | 'ok' | 'failed';

/** Seals and unseals a random value: proves the key store that will protect the canteen's signing key works. */
async function checkKeyStore(): Promise<boolean> {
  const probe = crypto.getRandomValues(new Uint8Array(16));
  const sealed = await bridge.sealSecret(probe);
  const back = await bridge.unsealSecret(sealed);
  return back.length === probe.length && back.every((byte, index) => byte === probe[index]);
}

export default function SettingsPage() {
  const [info, setInfo] = useState<AppInfo>();
  const [keyStore, setKeyStore] = useState<KeyStoreState>('checking');

  useEffect(() => {
    void bridge.appInfo().then(setInfo);
    checkKeyStore().then(
      (ok) => setKeyStore(ok ? 'ok' : 'failed'),
      () => setKeyStore('failed'),
    );
  }, []);

  return (
    <PlacePage place="settings">
      <section className="panel" aria-labelledby="machine-title">
        <h2 id="machine-title">本机</h2>
        <dl className="facts">
          <dt>运行方式</dt>
          <dd data-testid="shell">{info ? (info.shell === 'desktop' ? '桌面版' : '浏览器版') : '…'}</dd>
          <dt>版本</dt>
          <dd>{info?.version ?? '…'}</dd>
          <dt>密钥保护</dt>
          <dd data-testid="key-store">{{ checking: '正在检查…', ok: '正常', failed: '不可用：无法保护签名密钥' }[keyStore]}</dd>
        </dl>
      </section>
      <CanteenPanel />
      <SigningKeyPanel />
      <OfficeKeyPanel />
      <PeoplePanel />
      {info && <ReceiptPanel desktop={info.shell === 'desktop'} />}
      <StoragePanel />
      <ModePanel />
      <SyncPanel />
      <LedgerPanel />
      {info && <BackupPanel desktop={info.shell === 'desktop'} />}
      <AboutPanel />
    </PlacePage>
  );
}
