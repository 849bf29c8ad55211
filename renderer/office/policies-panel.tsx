import { useEffect, useState } from 'react';
import type { PublicKeyInfo } from '../../shared/claims/claim-schema';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { emptySimplePolicy, type SimplePolicy } from '../../shared/policy/simple-policy';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { bridge } from '../bridge';
import { officeDb } from '../db/office-db';
import { ensureOfficeKey, officeName, setOfficeName, signedPolicyFileText } from '../db/office-repository';
import { useSignedInPerson } from '../people/session';
import PolicyEditor from '../policies/policy-editor';
import { useOfficeQuery, useOfficeStore } from './use-office-store';

/**
 * The policy versions the office issued: the only ones its reviews price claimed lines by. Each goes to the
 * canteens as a file signed with the office's own key, which canteens register once in their 设置.
 */
export function OfficePoliciesPanel() {
  const store = useOfficeStore();
  const person = useSignedInPerson();
  const issued = useOfficeQuery((office) => office.issuedPolicies(), []);
  const [key, setKey] = useState<PublicKeyInfo>();
  const [name, setName] = useState<string>();
  const [message, setMessage] = useState<FormMessage>();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ base: SimplePolicy; at: number }>();

  useEffect(() => {
    void ensureOfficeKey(bridge).then(setKey, (failure: unknown) => setMessage({ error: true, text: failure instanceof Error ? failure.message : String(failure) }));
    void officeName(officeDb()).then(setName);
  }, []);

  const issue = async (text: string, source: 'file' | 'editor', fileName?: string) => {
    const result = await store.issuePolicy(text, source, fileName, person?.name ?? '');
    const { policy } = result.record;
    const what = result.alreadyIssued ? `“${policy.name}”这一版本已经登记过` : `已登记发布“${policy.name}”，自 ${policy.effectiveFrom} 起${policy.effectiveTo ? `至 ${policy.effectiveTo} ` : ''}生效；各月申报已按它重新核算`;
    return { key: result.record.hash, message: `${what}（版本 ${result.record.hash.slice(0, 12)}）` };
  };

  const importFile = async () => {
    if (busy) return;
    const picked = await bridge.openFiles({ filters: [{ name: '政策文件', extensions: ['json'] }] });
    if (!picked.ok) return setMessage(picked.code === 'cancelled' ? undefined : { error: true, text: picked.message });
    setBusy(true);
    try {
      const file = picked.files[0]!;
      setMessage({ error: false, text: (await issue(new TextDecoder().decode(file.bytes), 'file', file.name)).message });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const exportSigned = async (hash: string) => {
    try {
      const version = issued?.find((entry) => entry.hash === hash);
      if (!version) throw new Error('找不到这一政策版本');
      const { fileName, text } = await signedPolicyFileText(officeDb(), bridge, version);
      const saved = await bridge.saveFile({ suggestedName: fileName, bytes: new TextEncoder().encode(text), filters: [{ name: '签名政策文件', extensions: ['json'] }] });
      setMessage(saved.ok ? { error: false, text: `已导出签名政策文件 ${fileName}：交给各食堂在“政策”中导入` } : saved.code === 'cancelled' ? undefined : { error: true, text: saved.message });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="panel" aria-labelledby="office-policies-title">
      <h2 id="office-policies-title">发布的政策</h2>
      <p className="hint">
        街道只按这里登记的政策版本核算申报：每笔按就餐当天有效的版本重算，申报包自带的政策只用来比对。申报包用了这里没有的版本，相关各笔标为“政策未经街道发布”，并写明按街道政策应得的金额。
        {issued?.length === 0 && ' 尚未登记任何政策：在登记之前，各笔按申报包所附政策重算，不核对政策是否由街道发布。'}
      </p>
      <dl className="facts">
        <dt>街道公钥</dt>
        <dd className="fingerprint" data-testid="office-public-key">
          {key?.key ?? '正在生成…'}
        </dd>
        <dt>公钥指纹</dt>
        <dd className="fingerprint" data-testid="office-key-fingerprint">
          {key?.fingerprint ?? '…'}
        </dd>
      </dl>
      <p className="hint">请把上面的公钥交给各食堂，在食堂“设置 › 街道公钥”登记一次；食堂导入签名政策文件时据此核对签名。</p>
      <div className="actions">
        <label>
          本街道名称{' '}
          <input
            value={name ?? ''}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => name !== undefined && void setOfficeName(officeDb(), name)}
            placeholder="如 荔城街道办事处"
            aria-label="本街道名称"
          />
        </label>
        <button type="button" className="primary" onClick={() => void importFile()} disabled={busy}>
          登记政策文件…
        </button>
        <button type="button" onClick={() => setEditing({ base: emptySimplePolicy(chinaIsoFromEpochMs(Date.now()).slice(0, 10)), at: Date.now() })}>
          新建政策（简易编辑）
        </button>
      </div>
      <FormMessageLine message={message} testId="office-policy-message" />
      {!!issued?.length && (
        <table className="table" aria-label="街道发布的政策">
          <thead>
            <tr>
              <th>名称</th>
              <th>编号</th>
              <th>生效</th>
              <th>截止</th>
              <th>版本</th>
              <th>登记时间</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {issued.map((entry) => (
              <tr key={entry.hash}>
                <td>{entry.policy.name}</td>
                <td>{entry.policy.id}</td>
                <td>{entry.policy.effectiveFrom}</td>
                <td>{entry.policy.effectiveTo ?? '长期'}</td>
                <td className="fingerprint">{entry.hash.slice(0, 12)}</td>
                <td>{entry.issuedAt.slice(0, 16).replace('T', ' ')}</td>
                <td>
                  <button type="button" className="small" onClick={() => void exportSigned(entry.hash)}>
                    导出签名文件
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <PolicyEditor key={editing.at} base={editing.base} onSaved={() => undefined} onClose={() => setEditing(undefined)} issue={(text) => issue(text, 'editor')} />}
    </section>
  );
}
