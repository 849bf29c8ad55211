import { useEffect, useState, type FormEvent } from 'react';
import { db } from '../db/app-db';
import { CanteenIdentitySchema, readSetting, writeSetting, type CanteenIdentity } from '../db/settings-repository';
import { FormMessageLine, type FormMessage } from '../app/form-message';

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
  useEffect(() => void readSetting(db, 'canteen').then(setIdentity), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = CanteenIdentitySchema.safeParse(identity);
    if (!checked.success) return setMessage({ error: true, text: checked.error.issues[0]?.message ?? '信息不完整' });
    await writeSetting(db, 'canteen', checked.data, 'manager');
    setMessage({ error: false, text: '已保存食堂信息' });
  };

  if (!identity) return null;
  return (
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
  );
}
