import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { ensureSigningKey, readSigningKey, replaceSigningKey, signingKeyUsable } from '../db/signing-key';
import { ManagerApproval, type Approval } from '../people/manager-approval';

/** The fingerprint the office registers; printed on every monthly report too. */
export function SigningKeyPanel() {
  const key = useLiveQuery(() => readSigningKey(db), []);
  const [usable, setUsable] = useState<boolean>();
  const [replacing, setReplacing] = useState(false);
  useEffect(() => void ensureSigningKey(db, bridge), []);
  useEffect(() => {
    if (key) void signingKeyUsable(db, bridge).then(setUsable);
  }, [key]);

  const replace = async ({ manager }: Approval) => {
    setReplacing(false);
    await replaceSigningKey(db, bridge, manager.id);
  };

  return (
    <section className="panel" aria-labelledby="signing-key-title">
      <h2 id="signing-key-title">签名密钥</h2>
      <p className="hint">每份月度申报包都用本食堂的密钥签名。请把下面的公钥（或指纹）交给街道登记一次；街道据此确认申报包出自本食堂、导出后未被改动。</p>
      <dl className="facts">
        <dt>公钥指纹</dt>
        <dd className="fingerprint" data-testid="key-fingerprint">
          {key?.publicKey.fingerprint ?? '正在生成…'}
        </dd>
        <dt>公钥</dt>
        <dd className="fingerprint" data-testid="public-key">
          {key?.publicKey.key ?? '…'}
        </dd>
        <dt>生成时间</dt>
        <dd>{key?.createdAt.slice(0, 16).replace('T', ' ') ?? '…'}</dd>
        <dt>状态</dt>
        <dd data-testid="key-usable" className={usable === false ? 'error' : undefined}>
          {usable === undefined ? '正在检查…' : usable ? '可用' : '本机无法解开此密钥（可能是从其他电脑恢复的备份），请生成新密钥'}
        </dd>
      </dl>
      <button type="button" onClick={() => setReplacing(true)}>
        生成新密钥…
      </button>
      {replacing && (
        <ManagerApproval
          title="生成新签名密钥"
          detail="生成后，旧指纹不再有效：请把新指纹交给街道重新登记。"
          defaultReason="本机无法解开原密钥"
          onApproved={(approval) => void replace(approval)}
          onCancel={() => setReplacing(false)}
        />
      )}
    </section>
  );
}
