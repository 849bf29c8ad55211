import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ageOn } from '../../shared/age';
import type { LocalDate } from '../../shared/china-time';
import { ID_KIND_LABELS, maskId, parseIdNumber } from '../../shared/id-number';
import type { ResidentRecord } from '../../shared/ledger/records';
import { db } from '../db/app-db';
import { findByIdNumber, registerResident, RegisterError } from '../db/residents-repository';
import { requireSignedIn } from '../people/session';
import { readSetting } from '../db/settings-repository';
import { ELDER_AGE, SEX_LABELS } from './identify/card-facts';
import { DateField } from '../app/date-field';


/**
 * Registers an elder at the counter: ID number (scanned or typed) and name, phone if given. Birth date,
 * sex and age come from the number; the same person is never registered twice. Enter saves and starts
 * the sale; Esc goes back to the identify field.
 */
export function RegisterResident({
  initial,
  today,
  onCancel,
  onServe,
}: {
  initial: { idNumber?: string; name?: string };
  today: LocalDate;
  onCancel: () => void;
  /** The saved resident, or one already on the roster the cashier chose to serve. */
  onServe: (resident: ResidentRecord) => void;
}) {
  const [idNumber, setIdNumber] = useState(initial.idNumber ?? '');
  const [name, setName] = useState(initial.name ?? '');
  const [phone, setPhone] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState<'' | 'M' | 'F'>('');
  const [confirmed, setConfirmed] = useState(false);
  const canteenArea = useLiveQuery(async () => (await readSetting(db, 'canteen')).areaCode, []);
  const [local, setLocal] = useState(true);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const [existing, setExisting] = useState<ResidentRecord>();
  const idField = useRef<HTMLInputElement>(null);
  const nameField = useRef<HTMLInputElement>(null);

  const parsed = idNumber.trim() ? parseIdNumber(idNumber, today) : null;
  const id = parsed?.ok ? parsed : null;
  const manualBirth = id !== null && id.birthDate === undefined;
  const shownBirth = id?.birthDate ?? (manualBirth && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : undefined);
  const age = shownBirth ? ageOn(shownBirth, today) : undefined;

  useEffect(() => {
    // The pinyin dictionary is needed on save: start loading it while the cashier types.
    void import('../../shared/search/pinyin');
    (initial.idNumber && !initial.name ? nameField : idField).current?.focus();
  }, [initial]);

  // Tell the cashier at once if the number is on the roster already, and whose it is.
  const normalized = id?.normalized;
  useEffect(() => {
    let current = true;
    setExisting(undefined);
    if (normalized) void findByIdNumber(db, normalized).then((found) => current && setExisting(found));
    return () => {
      current = false;
    };
  }, [normalized]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!parsed || !parsed.ok) {
      setError(parsed ? parsed.message : '请刷身份证或输入证件号码');
      idField.current?.focus();
      return;
    }
    if (existing) return;
    if (!name.trim()) {
      // A scanner's Enter after the number lands here: go on to the name.
      setError('请输入姓名');
      nameField.current?.focus();
      return;
    }
    setSaving(true);
    try {
      const saved = await registerResident(
        db,
        { idNumber, name, phone, birthDate: manualBirth ? birthDate : undefined, sex: sex || undefined, birthYearConfirmed: confirmed, localArea: local && canteenArea ? canteenArea : undefined },
        requireSignedIn().id,
      );
      onServe(saved);
    } catch (failure) {
      if (failure instanceof RegisterError && failure.existing) setExisting(failure.existing);
      setError(failure instanceof Error ? failure.message : String(failure));
      setSaving(false);
    }
  };

  return (
    <form
      className="register"
      aria-label="登记新老人"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2>登记新老人</h2>
      <div className="register-fields">
        <label>
          证件号码
          <input
            ref={idField}
            value={idNumber}
            onChange={(event) => {
              setIdNumber(event.target.value);
              setError('');
              setConfirmed(false);
            }}
            autoComplete="off"
            spellCheck={false}
            placeholder="刷身份证或输入"
          />
        </label>
        <label>
          姓名
          <input
            ref={nameField}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setError('');
            }}
            autoComplete="off"
          />
        </label>
        <label>
          电话（可选）
          <input value={phone} onChange={(event) => setPhone(event.target.value)} inputMode="tel" autoComplete="off" />
        </label>
        {manualBirth && (
          <>
            <label>
              出生日期
              <DateField value={birthDate} max={today} onChange={setBirthDate} required />
            </label>
            <label>
              性别
              <select value={sex} onChange={(event) => setSex(event.target.value as '' | 'M' | 'F')}>
                <option value="">未填</option>
                <option value="M">男</option>
                <option value="F">女</option>
              </select>
            </label>
          </>
        )}
      </div>

      <p className="register-derived" data-testid="register-derived">
        {id ? (
          <>
            {ID_KIND_LABELS[id.kind]}
            {shownBirth && ` · ${shownBirth} 出生`}
            {id.sex && ` · ${SEX_LABELS[id.sex]}`}
            {age !== undefined && ` · ${age} 岁`}
          </>
        ) : parsed && !parsed.ok && idNumber.replace(/\s/g, '').length >= 15 && !error ? (
          <span className="bad">{parsed.message}</span>
        ) : (
          <span className="muted">出生日期、性别、年龄按证件号码自动填写</span>
        )}
      </p>

      {canteenArea && (
        <label className="confirm-birth">
          <input type="checkbox" checked={local} onChange={(event) => setLocal(event.target.checked)} />
          本地户籍，住在本社区（地区代码 {canteenArea}）；其他情况请负责人在“居民”中补充
        </label>
      )}
      {id?.needsBirthYearCheck && (
        <label className="confirm-birth">
          <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
          已核对身份证原件：出生日期确为 {id.birthDate}（15 位旧号推算已满百岁，如不符请改输第二代身份证的 18 位号码）
        </label>
      )}
      {age !== undefined && age < ELDER_AGE && <p className="register-note">未满 {ELDER_AGE} 周岁：可以登记，但一般不享受老年助餐优惠。</p>}
      {existing && (
        <p className="register-existing" role="alert">
          此证件号已登记：{existing.name}（{maskId(existing.idNumber)}），同一人不能登记两次。
          <button type="button" onClick={() => onServe(existing)}>
            为{existing.name}点餐
          </button>
        </p>
      )}
      {error && !existing && (
        <p className="register-error" role="alert">
          {error}
        </p>
      )}

      <div className="register-actions">
        <button type="submit" className="primary" disabled={saving || !!existing}>
          登记并点餐（回车）
        </button>
        <button type="button" onClick={onCancel}>
          取消（Esc）
        </button>
      </div>
    </form>
  );
}
