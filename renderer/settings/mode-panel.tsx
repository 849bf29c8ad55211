import { useState } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { setAppMode, useAppMode, type AppMode } from '../app/app-mode';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { db } from '../db/app-db';
import { useManagerApproval } from '../people/use-approval';

const MODES: { mode: AppMode; label: string; hint: string }[] = [
  { mode: 'canteen', label: '食堂收银台', hint: '食堂日常使用：收银、居民、报表、月度申报' },
  { mode: 'office', label: '街道审核', hint: '街道办使用：只显示“街道”（F7）和“设置”，导入并核验各食堂的申报包' },
];

/** This PC's use: a canteen's till, or also the subdistrict office's review (街道 F7). A manager switches it. */
export function ModePanel() {
  const mode = useAppMode();
  const [askManager, approvalDialog] = useManagerApproval();
  const [message, setMessage] = useState<FormMessage>();

  const choose = async (next: AppMode) => {
    const label = MODES.find((entry) => entry.mode === next)!.label;
    const approval = await askManager(`改为${label}`);
    if (!approval) return;
    await db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId: approval.manager.id, action: 'app_mode', details: { mode: next, reason: approval.reason } });
    setAppMode(next);
    setMessage({ error: false, text: `已改为${label}` });
  };

  return (
    <section className="panel form" aria-labelledby="mode-title">
      <h2 id="mode-title">使用方式</h2>
      {MODES.map((entry) => (
        <label key={entry.mode} className="check">
          <input type="radio" name="app-mode" checked={mode === entry.mode} onChange={() => void choose(entry.mode)} /> {entry.label}
          <span className="hint">（{entry.hint}）</span>
        </label>
      ))}
      <FormMessageLine message={message} />
      {approvalDialog}
    </section>
  );
}
