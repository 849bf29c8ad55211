import { useState, type FormEvent } from 'react';
import { CATEGORIES, type CategoryCode } from '../../shared/categories';
import { maskId } from '../../shared/id-number';
import { RESIDENT_STATUSES, STATUS_LABELS, type ResidentRecord } from '../../shared/ledger/records';
import { db } from '../db/app-db';
import { editedResident, updateResident, type ResidentChanges } from '../db/residents-repository';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { requireSignedIn } from '../people/session';
import { useManagerApproval } from '../people/use-approval';
import { DateField } from '../app/date-field';

type Category = ResidentRecord['categories'][number];

const ELIGIBILITY: (keyof ResidentChanges & keyof ResidentRecord)[] = ['categories', 'status', 'statusDate', 'residenceArea', 'hukouArea', 'inCareHome'];
const changesEligibility = (resident: ResidentRecord, changes: ResidentChanges) =>
  ELIGIBILITY.some((field) => JSON.stringify(changes[field] ?? null) !== JSON.stringify(resident[field] ?? null));

/** One elder's record as a manager keeps it: categories with their dates, status with its date, cards. */
export function ResidentEditor({ resident, onClose }: { resident: ResidentRecord; onClose: () => void }) {
  const [draft, setDraft] = useState<ResidentChanges>(() => ({ ...resident }));
  const [cards, setCards] = useState(resident.mealCards.join('，'));
  const [message, setMessage] = useState<FormMessage>();
  const [askManager, approvalDialog] = useManagerApproval();
  const set = (changes: Partial<ResidentChanges>) => setDraft((current) => ({ ...current, ...changes }));
  const setCategory = (index: number, changes: Partial<Category>) =>
    set({ categories: draft.categories.map((category, at) => (at === index ? { ...category, ...changes } : category)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mealCards = cards.split(/[,，、\s]+/).filter(Boolean);
    // Empty optional fields are left out rather than stored as empty strings.
    const blankless = Object.fromEntries(Object.entries({ ...draft, mealCards }).filter(([, value]) => value !== '')) as ResidentChanges;
    try {
      // Categories, status and the facts behind them decide the subsidy: a manager approves those changes.
      editedResident(resident, blankless, resident.updatedAt);
      const approval = changesEligibility(resident, blankless) ? await askManager(`修改 ${resident.name} 的类别或状态`) : null;
      if (changesEligibility(resident, blankless) && !approval) return setMessage({ error: true, text: '已取消，没有保存' });
      await updateResident(db, resident.id, blankless, approval?.manager.id ?? requireSignedIn().id);
      setMessage({ error: false, text: `已保存：${draft.name}` });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    }
  };

  // The dialog sits beside the form, not in it: its own submit must not bubble into this one.
  return (
    <>
    <form className="panel form" aria-label={`编辑 ${resident.name}`} onSubmit={(event) => void submit(event)}>
      <h2>
        {resident.name}（{maskId(resident.idNumber)}，{resident.birthDate} 出生）
      </h2>
      <label>
        姓名 <input value={draft.name} onChange={(event) => set({ name: event.target.value })} />
      </label>
      <label>
        电话 <input value={draft.phone ?? ''} onChange={(event) => set({ phone: event.target.value })} />
      </label>
      <label>
        地址 <input value={draft.address ?? ''} onChange={(event) => set({ address: event.target.value })} size={40} />
      </label>
      <label>
        户籍地区代码 <input value={draft.hukouArea ?? ''} onChange={(event) => set({ hukouArea: event.target.value })} inputMode="numeric" />
      </label>
      <label>
        居住地区代码 <input value={draft.residenceArea ?? ''} onChange={(event) => set({ residenceArea: event.target.value })} inputMode="numeric" />
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.inCareHome} onChange={(event) => set({ inCareHome: event.target.checked })} /> 入住养老机构
      </label>
      <label>
        状态
        <select value={draft.status} onChange={(event) => set({ status: event.target.value as ResidentRecord['status'] })}>
          {RESIDENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      {draft.status !== 'active' && (
        <label>
          {draft.status === 'moved' ? '迁出日期' : '去世日期'}（当天起不再补贴）
          <DateField value={draft.statusDate ?? ''} onChange={(statusDate) => set({ statusDate: statusDate || undefined })} />
        </label>
      )}
      <fieldset>
        <legend>人员类别（有效期可不填）</legend>
        <div className="categories">
          {draft.categories.map((category, index) => (
            <div key={index} className="category-row">
              <select aria-label={`类别 ${index + 1}`} value={category.code} onChange={(event) => setCategory(index, { code: event.target.value as CategoryCode })}>
                {CATEGORIES.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </select>
              <DateField aria-label={`类别 ${index + 1} 起`} value={category.from ?? ''} onChange={(from) => setCategory(index, { from: from || undefined })} />
              至
              <DateField aria-label={`类别 ${index + 1} 止`} value={category.to ?? ''} onChange={(to) => setCategory(index, { to: to || undefined })} />
              <button type="button" className="link" onClick={() => set({ categories: draft.categories.filter((_, at) => at !== index) })}>
                删除
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set({ categories: [...draft.categories, { code: CATEGORIES[0]!.code }] })}>
            添加类别
          </button>
        </div>
      </fieldset>
      <label>
        饭卡号（多张用逗号分开） <input value={cards} onChange={(event) => setCards(event.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          保存
        </button>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </div>
      <FormMessageLine message={message} />
    </form>
    {approvalDialog}
    </>
  );
}
