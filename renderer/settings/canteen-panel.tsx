import { useEffect, useState, type FormEvent } from 'react';
import { db } from '../db/app-db';
import { CanteenIdentitySchema, readSetting, writeSetting, type CanteenIdentity } from '../db/settings-repository';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { useManagerApproval } from '../people/use-approval';

const FIELDS: [keyof CanteenIdentity, string][] = [
  ['name', '食堂名称'],
  ['code', '食堂编号'],
  ['subdistrict', '所属街道'],
  ['community', '所属社区'],
  ['areaCode', '所在地区代码'],
];

export function CanteenPanel() {
  const [identity, setIdentity] = useState<CanteenIdentity>();
  const [message, setMessage] = useState<FormMessage>();
  const [askManager, approvalDialog] = useManagerApproval();
  useEffect(() => void readSetting(db, 'canteen').then(setIdentity), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = CanteenIdentitySchema.safeParse(identity);
    if (!checked.success) return setMessage({ error: true, text: checked.error.issues[0]?.message ?? '信息不完整' });
    // The canteen's identity names every claim: only a manager changes it.
    const approval = await askManager('修改食堂信息', '食堂编号和名称印在小票、日结单和申报包上；申报后改编号，街道将无法对应。');
    if (!approval) return;
    await writeSetting(db, 'canteen', checked.data, approval.manager.id);
    setMessage({ error: false, text: '已保存食堂信息' });
  };

  if (!identity) return null;
  // The dialog sits beside the form, not in it: its own submit must not bubble into this one.
  return (
    <>
    <form className="panel form" aria-labelledby="canteen-title" onSubmit={(event) => void submit(event)}>
      <h2 id="canteen-title">食堂信息</h2>
      <p className="hint">印在小票、日结单和月度申报上；食堂编号由街道分配。</p>
      {FIELDS.map(([field, label]) => (
        <label key={field}>
          {label} <input value={identity[field]} onChange={(event) => setIdentity({ ...identity, [field]: event.target.value })} />
        </label>
      ))}
      <div className="actions">
        <button type="submit" className="primary">
          保存食堂信息
        </button>
      </div>
      <FormMessageLine message={message} />
    </form>
    {approvalDialog}
    </>
  );
}
