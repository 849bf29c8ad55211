import { useState, type FormEvent } from 'react';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { useSignedInPerson } from '../people/session';
import { useOfficeQuery, useOfficeStore } from './use-office-store';

const EMPTY = { code: '', name: '', key: '', fingerprint: '' };

/** The canteens the office accepts packages from, each with the key its packages must be signed with. */
export function CanteensPanel() {
  const store = useOfficeStore();
  const person = useSignedInPerson();
  const canteens = useOfficeQuery((office) => office.canteens(), []);
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<FormMessage>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const record = await store.registerCanteen(form, person?.name ?? '');
      setMessage({ error: false, text: `已登记 ${record.name}（${record.code}），公钥指纹 ${record.fingerprint}` });
      setForm(EMPTY);
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    }
  };
  const field = (name: keyof typeof EMPTY) => ({ value: form[name], onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }) });

  return (
    <section className="panel" aria-labelledby="office-canteens-title">
      <h2 id="office-canteens-title">登记食堂</h2>
      <p className="hint">食堂的公钥在食堂“设置 › 签名密钥”中，可复制后粘贴；也可只填月度报表上打印的公钥指纹：指纹总是由签名所用的公钥算出，第一个验证通过的申报包的公钥从此被锁定，之后逐字节比对。只接收已登记食堂、用登记的密钥签名的申报包。</p>
      <form className="form office-canteen-form" onSubmit={(event) => void submit(event)}>
        <label>
          食堂编号
          <input {...field('code')} placeholder="如 ZC-001" />
        </label>
        <label>
          食堂名称
          <input {...field('name')} />
        </label>
        <label>
          公钥
          <input {...field('key')} placeholder="44 个字符" spellCheck={false} />
        </label>
        <label>
          或公钥指纹
          <input {...field('fingerprint')} placeholder="如 3F2A 91C0 …" spellCheck={false} />
        </label>
        <div className="actions">
          <button type="submit">登记</button>
        </div>
      </form>
      <FormMessageLine message={message} testId="canteen-message" />
      {!!canteens?.length && (
        <table className="table" aria-label="已登记食堂">
          <thead>
            <tr>
              <th>编号</th>
              <th>名称</th>
              <th>公钥指纹</th>
              <th>核对方式</th>
              <th>登记时间</th>
            </tr>
          </thead>
          <tbody>
            {canteens.map((canteen) => (
              <tr key={canteen.code}>
                <td>{canteen.code}</td>
                <td>{canteen.name}</td>
                <td className="fingerprint">{canteen.fingerprint}</td>
                <td>{canteen.pinnedAt ? `按指纹登记，${canteen.pinnedAt.slice(0, 10)} 起锁定首个验证通过的公钥` : canteen.publicKey ? '公钥' : '指纹（首个验证通过的包锁定公钥）'}</td>
                <td>{canteen.registeredAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
