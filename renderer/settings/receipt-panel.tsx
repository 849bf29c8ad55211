import { useEffect, useState } from 'react';
import type { Printer } from '../../shared/bridge';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { readSetting, writeSetting, type ReceiptSettings } from '../db/settings-repository';

export function ReceiptPanel({ desktop }: { desktop: boolean }) {
  const [settings, setSettings] = useState<ReceiptSettings>();
  const [printers, setPrinters] = useState<Printer[]>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void readSetting(db, 'receipt').then(setSettings);
    void bridge.listPrinters().then(setPrinters);
  }, []);

  const change = async (next: ReceiptSettings) => {
    setSettings(next);
    await writeSetting(db, 'receipt', next, 'manager');
    setSaved(true);
  };

  if (!settings) return null;
  // A saved printer the system no longer lists (unplugged, removed) is shown as such, not as if present.
  const gone = !!settings.printerName && !!printers && !printers.some((printer) => printer.name === settings.printerName);
  return (
    <section className="panel form" aria-labelledby="receipt-title">
      <h2 id="receipt-title">小票打印</h2>
      <p className="hint">
        {desktop ? '选定打印机后，每笔结账自动打印小票，不弹出对话框。' : '浏览器版每笔结账会弹出打印对话框。'}打印失败不会影响收款，可在收银页的今日列表中补打。
      </p>
      <label className="check">
        <input type="checkbox" checked={settings.enabled} onChange={(event) => void change({ ...settings, enabled: event.target.checked })} /> 结账后打印小票
      </label>
      <label>
        纸宽
        <select value={settings.paper} onChange={(event) => void change({ ...settings, paper: event.target.value as ReceiptSettings['paper'] })}>
          <option value="receipt58">58 毫米</option>
          <option value="receipt80">80 毫米</option>
        </select>
      </label>
      {desktop && (
        <label>
          打印机
          <select value={settings.printerName} onChange={(event) => void change({ ...settings, printerName: event.target.value })}>
            <option value="">每次选择（弹出对话框）</option>
            {gone && <option value={settings.printerName}>{settings.printerName}（未连接）</option>}
            {printers?.map((printer) => (
              <option key={printer.name} value={printer.name}>
                {printer.displayName}
                {printer.isDefault ? '（默认）' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {desktop && gone && (
        <p className="error" data-testid="printer-gone">
          找不到打印机“{settings.printerName}”，小票不会打印。请检查打印机电源和连线，或选择另一台打印机。
        </p>
      )}
      {saved && <p role="status">已保存</p>}
    </section>
  );
}
