import { useCallback, useEffect, useState } from 'react';
import type { KeyProtection, SigningKeyState } from '../../shared/bridge';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { ensureSigningKey, replaceSigningKey, signingKeyState } from '../db/signing-key';
import { ManagerApproval, type Approval } from '../people/manager-approval';

const PROTECTION: Record<KeyProtection, string> = {
  keystore: '正常：私钥由系统密钥库保护，本页面读不到',
  browser: '正常：私钥是浏览器中不可导出的密钥，本页面读不到',
  weak: '较弱：本机（Linux）没有系统密钥环，私钥只做了简单加密，能读取本机磁盘的人可能取得它。请安装并启用 GNOME 密钥环或 KWallet 后生成新密钥。',
  unavailable: '不可用：本机无法保护签名密钥',
};

/** The fingerprint the office registers; printed on every monthly report too. */
export function SigningKeyPanel() {
  const [state, setState] = useState<SigningKeyState>();
  const [replacing, setReplacing] = useState(false);
  const [error, setError] = useState('');
  const refresh = useCallback(() => void signingKeyState(bridge).then(setState), []);
  useEffect(() => {
    ensureSigningKey(db, bridge).then(refresh, (failure: unknown) => {
      setError(failure instanceof Error ? failure.message : String(failure));
      refresh();
    });
  }, [refresh]);

  const replace = async ({ manager }: Approval) => {
    setReplacing(false);
    try {
      await replaceSigningKey(db, bridge, manager.id);
      setError('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
    refresh();
  };

  const key = state?.publicKey;
  return (
    <section className="panel" aria-labelledby="signing-key-title">
      <h2 id="signing-key-title">签名密钥</h2>
      <p className="hint">
        每份月度申报包都用本食堂的密钥签名。请把下面的公钥（或指纹）交给街道登记一次；街道据此确认申报包出自本食堂、导出后未被改动。私钥只在本机，不进备份：换电脑恢复备份后会生成新密钥，请把新指纹交给街道登记。
      </p>
      <dl className="facts">
        <dt>公钥指纹</dt>
        <dd className="fingerprint" data-testid="key-fingerprint">
          {key?.fingerprint ?? '正在生成…'}
        </dd>
        <dt>公钥</dt>
        <dd className="fingerprint" data-testid="public-key">
          {key?.key ?? '…'}
        </dd>
        <dt>生成时间</dt>
        <dd>{state?.createdAt?.slice(0, 16).replace('T', ' ') ?? '…'}</dd>
        <dt>密钥保护</dt>
        <dd data-testid="key-store" className={state && (state.protection === 'weak' || state.protection === 'unavailable') ? 'error' : undefined}>
          {state ? PROTECTION[state.protection] : '正在检查…'}
        </dd>
        <dt>状态</dt>
        <dd data-testid="key-usable" className={state && key && !state.usable ? 'error' : undefined}>
          {!state || !key ? '正在检查…' : state.usable ? '可用' : '本机无法解开此密钥，请生成新密钥'}
        </dd>
      </dl>
      {error && <p className="error">{error}</p>}
      <button type="button" onClick={() => setReplacing(true)}>
        生成新密钥…
      </button>
      {replacing && (
        <ManagerApproval
          title="生成新签名密钥"
          detail="生成后，旧指纹不再用于新的申报：请把新指纹交给街道登记。"
          defaultReason="更换签名密钥"
          onApproved={(approval) => void replace(approval)}
          onCancel={() => setReplacing(false)}
        />
      )}
    </section>
  );
}
