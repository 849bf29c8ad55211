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
import { OfficeStorePanel } from './office-store-panel';
import { PeoplePanel } from './people-panel';
import { ReceiptPanel } from './receipt-panel';
import { SigningKeyPanel } from './signing-key-panel';
import { StoragePanel } from './storage-panel';
import { SyncPanel } from './sync-panel';

export default function SettingsPage() {
  const [info, setInfo] = useState<AppInfo>();

  useEffect(() => {
    void bridge.appInfo().then(setInfo);
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
        </dl>
      </section>
      <CanteenPanel />
      <SigningKeyPanel />
      <OfficeKeyPanel />
      <PeoplePanel />
      {info && <ReceiptPanel desktop={info.shell === 'desktop'} />}
      <StoragePanel />
      <ModePanel />
      <OfficeStorePanel />
      <SyncPanel />
      <LedgerPanel />
      {info && <BackupPanel desktop={info.shell === 'desktop'} />}
      <AboutPanel />
    </PlacePage>
  );
}
