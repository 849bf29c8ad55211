// 试算: price one sample meal for a sample elder under one policy version, and read the quote explained:
// the gross, each discount or subsidy with its rule and funder, what the elder pays, and why any rule
// did not apply. Earlier meals are not counted, so limits never bite here.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { CHANNEL_LABELS, CHANNELS, MEAL_PERIOD_LABELS, type Channel } from '../../shared/atoms';
import { CATEGORIES, categoryLabel, type CategoryCode } from '../../shared/categories';
import { isLocalDate } from '../../shared/china-time';
import { RESIDENT_STATUSES, STATUS_LABELS, type PolicyRecord, type ResidentRecord } from '../../shared/ledger/records';
import { formatYuan, parseYuan } from '../../shared/money';
import { policiesForDate } from '../../shared/policy/versions';
import { quoteMeal } from '../../shared/quote/quote';
import type { Quote, ResidentFacts } from '../../shared/quote/types';
import { db } from '../db/app-db';
import { DateField } from '../app/date-field';

type Elder = {
  ageOrBirth: string;
  categories: CategoryCode[];
  hukouArea: string;
  status: ResidentRecord['status'];
  statusDate: string;
};

/** A birth date that makes the elder exactly `age` full years old on `date`. */
function birthDateForAge(age: number, date: string): string {
  const [y, m, d] = date.split('-');
  const birth = `${String(Number(y) - age).padStart(4, '0')}-${m}-${d}`;
  return isLocalDate(birth) ? birth : `${String(Number(y) - age).padStart(4, '0')}-02-28`;
}

export function trialFacts(elder: Elder, date: string): ResidentFacts | string {
  const text = elder.ageOrBirth.trim();
  let birthDate: string;
  if (/^\d{1,3}$/.test(text) && Number(text) <= 150) birthDate = birthDateForAge(Number(text), date);
  else if (isLocalDate(text)) birthDate = text;
  else return '请填写年龄（周岁，如 85）或出生日期（如 1941-03-02）';
  if (elder.status !== 'active' && !isLocalDate(elder.statusDate)) return `请填写${elder.status === 'moved' ? '迁出' : '去世'}日期`;
  return {
    birthDate,
    categories: elder.categories.map((code) => ({ code })),
    ...(elder.hukouArea.trim() ? { hukouArea: elder.hukouArea.trim() } : {}),
    inCareHome: false,
    status: elder.status,
    ...(elder.status !== 'active' ? { statusDate: elder.statusDate } : {}),
  };
}

export default function PolicyTrial({ versions, initialDate }: { versions: readonly PolicyRecord[]; initialDate: string }) {
  const [date, setDate] = useState(initialDate);
  const [time, setTime] = useState('11:30');
  const [channel, setChannel] = useState<Channel>('dine_in');
  const [price, setPrice] = useState('15');
  const [versionKey, setVersionKey] = useState('');
  const [elder, setElder] = useState<Elder>({ ageOrBirth: '85', categories: [], hukouArea: '', status: 'active', statusDate: '' });
  const [search, setSearch] = useState('');
  const matches = useLiveQuery(
    async () => (search.trim() ? (await db.residents.toArray()).filter((r) => r.name.includes(search.trim())).slice(0, 20) : []),
    [search],
  );

  const inForce = isLocalDate(date) ? policiesForDate(versions, date) : [];
  const chosen = versionKey ? versions.filter((v) => v.key === versionKey).map((v) => v.policy) : inForce;
  const pickResident = (r: ResidentRecord) =>
    setElder({ ageOrBirth: r.birthDate, categories: r.categories.map((c) => c.code as CategoryCode), hukouArea: r.hukouArea ?? '', status: r.status, statusDate: r.statusDate ?? '' });

  let quote: Quote | undefined;
  let problem: string | undefined;
  const facts = isLocalDate(date) ? trialFacts(elder, date) : '请填写就餐日期';
  const amount = parseYuan(price);
  if (typeof facts === 'string') problem = facts;
  else if (!amount.ok) problem = `餐费：${amount.message}`;
  else if (!/^\d{2}:\d{2}$/.test(time)) problem = '请填写就餐时间';
  else if (chosen.length === 0) problem = '这一天没有适用的政策版本：请选一个版本，或改日期。';
  else {
    quote = quoteMeal({
      policies: chosen,
      resident: facts,
      meal: { servedAt: `${date}T${time}:00+08:00`, channel, items: [{ itemId: 'trial', name: '试算餐', unitPriceFen: amount.fen, quantity: 1, subsidyEligible: true }] },
      history: [],
    });
  }

  return (
    <section className="panel" aria-labelledby="policy-trial-title">
      <h2 id="policy-trial-title">试算：这位老人这一餐怎么算</h2>
      <p className="hint">试算不计此前的用餐，所以不会触及每天/每周/每月的次数限制；不写入账本。</p>
      <div className="form" data-testid="policy-trial">
        <label>
          政策版本
          <select aria-label="试算政策版本" value={versionKey} onChange={(event) => setVersionKey(event.target.value)}>
            <option value="">就餐日适用的版本（{inForce.map((p) => p.name).join('、') || '无'}）</option>
            {versions.map((v) => (
              <option key={v.key} value={v.key}>
                {v.policy.name}（{v.policy.effectiveFrom} 起）
              </option>
            ))}
          </select>
        </label>
        <label>
          从居民名单选 <input aria-label="按姓名查找居民" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="输入姓名" size={8} />
          {matches?.map((r) => (
            <button key={r.id} type="button" className="link" onClick={() => pickResident(r)}>
              {r.name}（{r.birthDate}）
            </button>
          ))}
        </label>
        <div className="actions" style={{ margin: 0, alignItems: 'center' }}>
          <label>
            年龄或出生日期 <input aria-label="年龄或出生日期" value={elder.ageOrBirth} onChange={(event) => setElder({ ...elder, ageOrBirth: event.target.value })} size={10} />
          </label>
          <label>
            户籍地区代码 <input aria-label="试算户籍地区" value={elder.hukouArea} onChange={(event) => setElder({ ...elder, hukouArea: event.target.value })} size={8} inputMode="numeric" />
          </label>
          <label>
            状态
            <select aria-label="试算状态" value={elder.status} onChange={(event) => setElder({ ...elder, status: event.target.value as Elder['status'] })}>
              {RESIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          {elder.status !== 'active' && <DateField aria-label="状态日期" value={elder.statusDate ?? ''} onChange={(statusDate) => setElder({ ...elder, statusDate })} />}
        </div>
        <details>
          <summary>人员类别：{elder.categories.length ? elder.categories.map(categoryLabel).join('、') : '无'}</summary>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
            {CATEGORIES.map((c) => (
              <label key={c.code} className="check">
                <input
                  type="checkbox"
                  checked={elder.categories.includes(c.code)}
                  onChange={(event) => setElder({ ...elder, categories: event.target.checked ? [...elder.categories, c.code] : elder.categories.filter((x) => x !== c.code) })}
                />{' '}
                {c.label}
              </label>
            ))}
          </div>
        </details>
        <div className="actions" style={{ margin: 0, alignItems: 'center' }}>
          <label>
            就餐日期 <DateField aria-label="试算日期" value={date} required onChange={setDate} />
          </label>
          <label>
            时间 <input type="time" aria-label="试算时间" value={time} onChange={(event) => setTime(event.target.value)} />
          </label>
          <label>
            方式
            <select aria-label="试算就餐方式" value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label>
            餐费 ¥ <input aria-label="试算餐费" value={price} onChange={(event) => setPrice(event.target.value)} size={6} inputMode="decimal" />
          </label>
        </div>
      </div>
      <div className="explain" data-testid="policy-trial-result" aria-live="polite" style={{ marginTop: "0.75rem", paddingTop: "0.5rem", borderTop: "1px solid var(--line)" }}>
        {problem && <p className="error">{problem}</p>}
        {quote && (
          <>
            <p>
              {MEAL_PERIOD_LABELS[quote.mealPeriod]}，餐费 {formatYuan(quote.grossFen)}
            </p>
            {quote.lines.map((line) => (
              <p key={`${line.policyId}/${line.ruleId}`}>
                减 {formatYuan(line.amountFen)}：{line.ruleName}
                {line.tier ? `（${line.tier}）` : ''}，由{line.funders.map((f) => `${f.funderName}${f.claimable ? '' : '（不申报）'}出 ${formatYuan(f.amountFen)}`).join('、')}
                {line.adjustments?.map((a) => `；${a.message}`).join('')}
              </p>
            ))}
            {quote.deliveryLines.map((line) => (
              <p key={`d/${line.policyId}/${line.ruleId}`}>
                送餐补贴 {formatYuan(line.amountFen)}（付给送餐方，不减老人付款）：{line.ruleName}
              </p>
            ))}
            <p data-testid="policy-trial-pays">
              <strong>老人付 {formatYuan(quote.elderPaysFen)}</strong>
            </p>
            {quote.notApplied.length > 0 && <p>没有享受的优惠：</p>}
            {quote.notApplied.map((n, index) => (
              <p key={index}>
                · {n.name}：{n.message}
              </p>
            ))}
          </>
        )}
      </div>
    </section>
  );
}
