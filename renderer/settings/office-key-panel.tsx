import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { keyFingerprint, rawPublicKey } from '../../shared/claims/signing';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { db } from '../db/app-db';
import { readSetting, writeSetting, type OfficeKey } from '../db/settings-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';

/** The office's public key, registered once: policy files the office signs are checked against it on the 政策 page. */
export function OfficeKeyPanel() {
  const registered = useLiveQuery(() => readSetting(db, 'office'), []);
  const [text, setText] = useState('');
  const [pending, setPending] = useState<OfficeKey>();
  const [message, setMessage] = useState<FormMessage>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = text.replace(/\s+/g, '');
    const raw = rawPublicKey(key);
    if (!raw) return setMessage({ error: true, text: '公钥格式不对：应为街道“街道 › 发布的政策”中显示的 44 个字符' });
    setMessage(undefined);
    setPending({ key, fingerprint: await keyFingerprint(raw) });
  };

  const approved = async ({ manager }: Approval) => {
    if (!pending) return;
    await writeSetting(db, 'office', pending, manager.id);
    setPending(undefined);
    setText('');
    setMessage({ error: false, text: `已登记街道公钥，指纹 ${pending.fingerprint}` });
  };

  return (
    <section className="panel form" aria-labelledby="office-key-title">
      <h2 id="office-key-title">街道公钥</h2>
      <p className="hint">街道发布的政策文件带有街道的签名。登记一次街道的公钥后，“政策”页导入文件时会核对签名，并说明文件是否由街道签发；申报前也会提示哪些补贴用的政策不是街道签发的。</p>
      <dl className="facts">
        <dt>已登记的指纹</dt>
        <dd className="fingerprint" data-testid="office-key-fingerprint">
          {registered?.fingerprint || '尚未登记'}
        </dd>
      </dl>
      {/* The approval dialog stays outside the form: its own submit must not submit this one too. */}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label>
          街道公钥 <input value={text} onChange={(event) => setText(event.target.value)} placeholder="44 个字符" spellCheck={false} size={50} />
        </label>
        <div className="actions">
          <button type="submit">登记街道公钥…</button>
        </div>
      </form>
      <FormMessageLine message={message} testId="office-key-message" />
      {pending && (
        <ManagerApproval
          title="登记街道公钥"
          detail={`指纹 ${pending.fingerprint}：请与街道核对。此后只有用这把密钥签名的政策文件才算街道签发。`}
          defaultReason="登记街道公钥"
          onApproved={(approval) => void approved(approval)}
          onCancel={() => setPending(undefined)}
        />
      )}
    </section>
  );
}
