import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { ageOn } from '../../shared/age';
import { CATEGORIES, categoryLabel, type CategoryCode } from '../../shared/categories';
import { addDays, chinaIsoFromEpochMs } from '../../shared/china-time';
import { careList, LOOKBACK_DAYS, USUAL_MIN_DAYS, type CareListEntry } from '../../shared/reports/care-list';
import { db } from '../db/app-db';
import { requireSignedIn } from '../people/session';
import { markContacted } from '../db/care-contacts-repository';
import { mealIdsVoidedSince, mealsBetween } from '../db/meals-repository';
import { CareSettingsSchema, readSetting, writeSetting } from '../db/settings-repository';
import { printContent } from '../print/print';
import { FormMessageLine, type FormMessage } from '../app/form-message';

const MAX_ABSENT_DAYS = 30;

/** 关爱名单: residents of the chosen categories who usually eat here and have not come for N days. */
export function CareList() {
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  const [message, setMessage] = useState<FormMessage>();
  const [daysDraft, setDaysDraft] = useState<string>();
  const data = useLiveQuery(async () => {
    const settings = await readSetting(db, 'care');
    const from = addDays(today, -(MAX_ABSENT_DAYS + LOOKBACK_DAYS));
    const [meals, voided, residents, contacts, canteen] = await Promise.all([
      mealsBetween(db, from, today),
      mealIdsVoidedSince(db, from),
      db.residents.toArray(),
      db.careContacts.toArray(),
      readSetting(db, 'canteen'),
    ]);
    const entries = careList({ today, ...settings, residents, meals, voids: [...voided].map((mealId) => ({ mealId })), contacts });
    return { settings, entries, canteenName: canteen.name };
  }, [today]);
  if (!data) return null;
  const { settings, entries } = data;

  const save = async (next: { absentDays: number; categories: CategoryCode[] }) => {
    const checked = CareSettingsSchema.safeParse(next);
    if (!checked.success) return setMessage({ error: true, text: checked.error.issues[0]?.message ?? '设置无效' });
    await writeSetting(db, 'care', checked.data, requireSignedIn().id);
    setMessage(undefined);
  };
  const toggle = (code: CategoryCode, on: boolean) =>
    void save({ absentDays: settings.absentDays, categories: on ? [...settings.categories, code] : settings.categories.filter((c) => c !== code) });
  const print = () => void printContent(<CareSheet canteenName={data.canteenName} today={today} absentDays={settings.absentDays} entries={entries} />, 'a4');

  return (
    <section className="panel care-list" aria-labelledby="care-title">
      <h2 id="care-title">关爱名单</h2>
      <p className="hint">
        平时常来吃饭（连续 {settings.absentDays} 天之前的 {LOOKBACK_DAYS} 天里至少 {USUAL_MIN_DAYS} 天用餐）、最近 {settings.absentDays} 天（含今天）没有来的老人。
      </p>
      <div className="actions">
        <label>
          连续未到天数
          <input
            type="number"
            min={1}
            max={MAX_ABSENT_DAYS}
            value={daysDraft ?? settings.absentDays}
            onChange={(event) => {
              setDaysDraft(event.target.value);
              if (event.target.value !== '') void save({ absentDays: Number(event.target.value), categories: settings.categories });
            }}
            onBlur={() => setDaysDraft(undefined)}
          />
        </label>
      </div>
      <fieldset className="care-categories">
        <legend>关注的类别</legend>
        {CATEGORIES.map((c) => (
          <label key={c.code}>
            <input type="checkbox" checked={settings.categories.includes(c.code)} onChange={(event) => toggle(c.code, event.target.checked)} /> {c.label}
          </label>
        ))}
      </fieldset>
      <FormMessageLine message={message} />
      {entries.length === 0 ? (
        <p role="status">没有需要关注的老人。</p>
      ) : (
        <CareTable today={today} entries={entries} withActions />
      )}
      <div className="actions">
        <button type="button" onClick={print}>
          打印关爱名单
        </button>
      </div>
    </section>
  );
}

function CareTable({ today, entries, withActions = false }: { today: string; entries: CareListEntry[]; withActions?: boolean }) {
  return (
    <table className="care-table" aria-label="关爱名单">
      <thead>
        <tr>
          <th>姓名</th>
          <th>年龄</th>
          <th>类别</th>
          <th>电话</th>
          <th>住址</th>
          <th>最后用餐</th>
          <th>未到天数</th>
          <th>最近联系</th>
          {withActions && <th>联系</th>}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.resident.id}>
            <td>{entry.resident.name}</td>
            <td>{ageOn(entry.resident.birthDate, today)}</td>
            <td>{entry.resident.categories.map((c) => categoryLabel(c.code)).join('、')}</td>
            <td>{entry.resident.phone ?? ''}</td>
            <td>{entry.resident.address ?? ''}</td>
            <td>{entry.lastMealDate ?? '—'}</td>
            <td>{entry.daysAbsent}</td>
            <td>{entry.lastContact ? `${entry.lastContact.at.slice(0, 16).replace('T', ' ')} ${entry.lastContact.note}` : '未联系'}</td>
            {withActions && (
              <td>
                <ContactForm entry={entry} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ContactForm({ entry }: { entry: CareListEntry }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    if (!note.trim()) return setError('请写明联系情况');
    try {
      await markContacted(db, entry.resident.id, note, requireSignedIn().id);
      setNote('');
      setError(undefined);
    } catch (problem) {
      setError(`没有记下：${problem instanceof Error ? problem.message : String(problem)}`);
    }
  };
  return (
    <form
      className="care-contact"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <input aria-label={`${entry.resident.name} 联系备注`} value={note} maxLength={200} placeholder="联系情况" onChange={(event) => setNote(event.target.value)} aria-invalid={error ? true : undefined} />
      <button type="submit">已联系</button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}

function CareSheet({ canteenName, today, absentDays, entries }: { canteenName: string; today: string; absentDays: number; entries: CareListEntry[] }) {
  return (
    <div className="care-sheet">
      <h1>
        {canteenName} 关爱名单（{today}）
      </h1>
      <p>
        连续 {absentDays} 天以上未到食堂用餐的关注对象，共 {entries.length} 人。请社区走访人员上门或电话了解情况。
      </p>
      <CareTable today={today} entries={entries} />
      <p>走访人：________________ 日期：________________</p>
    </div>
  );
}
