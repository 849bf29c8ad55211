import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { AGE_BUCKETS, ageBucket, ageOn, type AgeBucket } from '../../shared/age';
import { CATEGORIES, categoryLabel } from '../../shared/categories';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { maskId } from '../../shared/id-number';
import { RESIDENT_STATUSES, STATUS_LABELS, type ResidentRecord } from '../../shared/ledger/records';
import { buildSearchIndex, searchRoster } from '../../shared/search/roster-search';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { PlacePage } from '../app/place-page';
import { useTask } from '../app/use-task';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { auditExport } from '../db/audit';
import { requireSignedIn } from '../people/session';
import { RosterImport } from './import/roster-import-panel';
import { CardBinding } from './card-binding';
import { ResidentEditor } from './resident-editor';

const SHOWN = 100;

/** Saves the residents listed as an .xlsx (the roster export loaded on first use); false when the manager cancelled. */
async function exportRoster(_progress: unknown, residents: readonly ResidentRecord[], today: string): Promise<boolean> {
  const { rosterWorkbook } = await import('./roster-export');
  const bytes = rosterWorkbook(residents, chinaIsoFromEpochMs(Date.now()));
  const saved = await bridge.saveFile({ suggestedName: `花名册-${today}.xlsx`, bytes, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
  if (!saved.ok && saved.code !== 'cancelled') throw new Error(saved.message);
  if (saved.ok) await auditExport(db, requireSignedIn().id, 'roster', { residents: residents.length });
  return saved.ok;
}

export default function ResidentsPage() {
  const roster = useLiveQuery(() => db.residents.toArray(), []);
  const index = useMemo(() => roster && buildSearchIndex(roster), [roster]);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<ResidentRecord['status'] | ''>('');
  const [category, setCategory] = useState('');
  const [tier, setTier] = useState<AgeBucket | ''>('');
  const [editing, setEditing] = useState<string>();
  const [bindingCards, setBindingCards] = useState(false);
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  const exporting = useTask(exportRoster);
  const exported: FormMessage | undefined =
    exporting.state.status === 'done' && exporting.state.result
      ? { error: false, text: '名单已导出' }
      : exporting.state.status === 'failed'
        ? { error: true, text: `没有导出成功：${exporting.state.message}` }
        : undefined;

  const matches = useMemo(() => {
    if (!roster || !index) return [];
    const found = query.trim() ? searchRoster(index, query, roster.length).hits.map((hit) => hit.resident) : roster;
    return found.filter(
      (resident) =>
        (!status || resident.status === status) &&
        (!category || resident.categories.some((entry) => entry.code === category)) &&
        // Age in full years on today's China date, as the counter and the 报表 count it.
        (!tier || ageBucket(ageOn(resident.birthDate, today)) === tier),
    );
  }, [roster, index, query, status, category, tier, today]);
  const selected = roster?.find((resident) => resident.id === editing);

  return (
    <PlacePage place="residents">
      <div hidden={bindingCards}>
        <RosterImport />
      </div>
      {bindingCards && <CardBinding onClose={() => setBindingCards(false)} />}
      <div hidden={bindingCards} className={selected ? 'residents-layout editing' : 'residents-layout'}>
        <section className="panel" aria-labelledby="roster-title">
          <h2 id="roster-title">花名册（共 {roster?.length ?? 0} 人）</h2>
          <div className="actions">
            <input aria-label="查找居民" placeholder="姓名、拼音首字母、证件号或电话" value={query} onChange={(event) => setQuery(event.target.value)} size={28} />
            <select aria-label="状态" value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
              <option value="">全部状态</option>
              {RESIDENT_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {STATUS_LABELS[option]}
                </option>
              ))}
            </select>
            <select aria-label="类别" value={category} onChange={(event) => setCategory(event.target.value)}>
              <option value="">全部类别</option>
              {CATEGORIES.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.label}
                </option>
              ))}
            </select>
            <select aria-label="年龄段" value={tier} onChange={(event) => setTier(event.target.value as typeof tier)}>
              <option value="">全部年龄</option>
              {AGE_BUCKETS.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
            <span className="hint">找到 {matches.length} 人{matches.length > SHOWN ? `，显示前 ${SHOWN} 人` : ''}</span>
            <button type="button" disabled={!matches.length || exporting.running} onClick={() => void exporting.start(matches, today)} title="导出找到的居民（含完整证件号），可再导入">
              {exporting.running ? '正在导出…' : '导出名单'}
            </button>
            <button type="button" onClick={() => setBindingCards(true)} title="给没有饭卡的老人逐个刷卡绑定">
              绑定饭卡
            </button>
          </div>
          <FormMessageLine message={exported} />
          {roster?.length === 0 && <p className="hint">花名册是空的：可在收银台按 F10 登记老人。</p>}
          <table className="table" data-testid="roster">
            <thead>
              <tr>
                <th>姓名</th>
                <th>年龄</th>
                <th>证件号</th>
                <th>电话</th>
                <th>类别</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {matches.slice(0, SHOWN).map((resident) => (
                <tr key={resident.id} aria-selected={resident.id === editing}>
                  <td>
                    <button type="button" className="link plain" onClick={() => setEditing(resident.id)}>
                      {resident.name}
                    </button>
                  </td>
                  <td>{ageOn(resident.birthDate, today)}</td>
                  <td>{maskId(resident.idNumber)}</td>
                  <td>{resident.phone ?? ''}</td>
                  <td>{resident.categories.map((entry) => categoryLabel(entry.code)).join('、')}</td>
                  <td className={resident.status === 'active' ? undefined : 'warning'}>
                    {STATUS_LABELS[resident.status]}
                    {resident.statusDate ? `（${resident.statusDate}）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {selected && <ResidentEditor key={selected.id} resident={selected} onClose={() => setEditing(undefined)} />}
      </div>
    </PlacePage>
  );
}
