import { useRef, useState } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { officeRosterFromRows } from '../../shared/office/office-roster';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { bridge } from '../bridge';
import { useSignedInPerson } from '../people/session';
import { readRosterFile } from '../residents/import/read-roster-file';
import { useOfficeQuery, useOfficeStore } from './use-office-store';

/** The subdistrict's own list of elders (optional): claimed persons missing from it, or dead by it, are flagged. */
export function RosterPanel() {
  const store = useOfficeStore();
  const person = useSignedInPerson();
  const count = useOfficeQuery((office) => office.rosterCount(), []);
  const [message, setMessage] = useState<FormMessage>();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  const importList = async () => {
    const picked = await bridge.openFiles({ filters: [{ name: '街道老人名册', extensions: ['xlsx', 'csv'] }] });
    if (!picked.ok || running.current) return;
    running.current = true;
    setBusy(true);
    try {
      const file = picked.files[0]!;
      const { rows } = await readRosterFile(file.name, file.bytes);
      const { people, bad } = officeRosterFromRows(rows, chinaIsoFromEpochMs(Date.now()).slice(0, 10));
      if (!people.length) throw new Error('名册中没有可用的行（需要姓名和证件号码列）');
      await store.replaceRoster(people, person?.name ?? '');
      const badText = bad.length ? `；${bad.length} 行有误未导入（如第 ${bad[0]!.rowNumber} 行：${bad[0]!.reasons.join('，')}）` : '';
      setMessage({ error: false, text: `已导入街道名册 ${people.length} 人，各月申报已按新名册重新核对${badText}` });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="office-roster-title">
      <h2 id="office-roster-title">街道老人名册（可选）</h2>
      <p className="hint">导入街道自己的老人名单（Excel 或 CSV：姓名、证件号码、人员类别；可有身故或迁出日期、户籍地区代码、居住地区代码、是否入住养老机构等列）。导入后，名册中没有的人、身故后的就餐、名册中不具备的类别都会标为疑点；户籍、居住地和入住养老机构以名册为准。新名册替换旧名册。</p>
      <p data-testid="office-roster-count">{count ? `当前名册 ${count} 人` : '尚未导入名册：不核对名册'}</p>
      <div className="actions">
        <button type="button" onClick={() => void importList()} disabled={busy}>
          {busy ? '正在导入…' : '导入名册…'}
        </button>
      </div>
      <FormMessageLine message={message} testId="office-roster-message" />
    </section>
  );
}
