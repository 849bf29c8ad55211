import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { explainPolicy } from '../../shared/policy/explain';
import type { Policy } from '../../shared/policy/schema';
import { emptySimplePolicy, fromPolicyFile, type SimplePolicy } from '../../shared/policy/simple-policy';
import { policiesForDate } from '../../shared/policy/versions';
import { PlacePage } from '../app/place-page';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { checkPolicyFile, importPolicyFile, originText, policyOrigin, type PolicyOrigin } from '../db/policies-repository';
import { readSetting } from '../db/settings-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import PolicyEditor from './policy-editor';
import PolicyTrial from './policy-trial';
import { overlapWarnings } from './overlap-warnings';
import { policyStatuses } from './policy-notes';
import { StopPolicy } from './stop-policy';
import { DateField } from '../app/date-field';

const ORIGIN_LABELS: Record<PolicyOrigin['kind'], string> = { office: '街道签发', unsigned: '未签名', other: '非街道签名', no_office_key: '未登记街道公钥' };

export default function PoliciesPage() {
  const versions = useLiveQuery(() => db.policies.orderBy('importedAt').reverse().toArray(), []);
  const office = useLiveQuery(() => readSetting(db, 'office'), []);
  const [date, setDate] = useState(() => chinaIsoFromEpochMs(Date.now()).slice(0, 10));
  const [shown, setShown] = useState<string>();
  const [message, setMessage] = useState<{ error: boolean; lines: string[] }>();
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<{ base: SimplePolicy; at: number }>();

  const inForce = versions ? policiesForDate(versions, date) : [];
  // Each policy's state today and what `policy check` warns about it.
  const canteen = useLiveQuery(() => readSetting(db, 'canteen'), []);
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  const statuses = useMemo(() => (versions && canteen ? policyStatuses(versions, today, canteen.areaCode || undefined) : undefined), [versions, canteen, today]);
  const explained = versions?.find((version) => version.key === shown) ?? versions?.find((version) => inForce.includes(version.policy));

  // A file that would add a version waits here for a manager's approval; nothing is written before it.
  const [pending, setPending] = useState<{ fileName: string; text: string; policy: Policy; origin: PolicyOrigin; signatureOnly: boolean; warnings: string[] }>();

  const importFile = async () => {
    if (importing) return;
    setImporting(true);
    try {
      const picked = await bridge.openFiles({ filters: [{ name: '政策文件', extensions: ['json'] }] });
      if (!picked.ok) return setMessage(picked.code === 'cancelled' ? undefined : { error: true, lines: [picked.message] });
      const file = picked.files[0]!;
      const text = new TextDecoder().decode(file.bytes);
      const checked = await checkPolicyFile(db, text);
      if (!checked.ok) return setMessage({ error: true, lines: [`“${file.name}”不能导入，没有做任何改动：`, ...checked.problems.slice(0, 8)] });
      if (checked.existing && !(checked.signed && !checked.existing.issue)) {
        setShown(checked.existing.key);
        return setMessage({ error: false, lines: [`“${checked.policy.name}”这一版本已经导入过。`, `来源：${originText(policyOrigin(checked.existing.issue, office ?? { key: '', fingerprint: '' }))}`] });
      }
      setMessage(undefined);
      // Only a version that is new can add a second subsidy to a meal: a signature added to one kept before cannot.
      const warnings = checked.existing ? [] : await overlapWarnings(checked.policy, versions ?? []);
      setPending({ fileName: file.name, text, policy: checked.policy, origin: checked.origin, signatureOnly: !!checked.existing, warnings });
    } finally {
      setImporting(false);
    }
  };

  const approved = async ({ manager, reason }: Approval) => {
    if (!pending) return;
    setPending(undefined);
    setImporting(true);
    try {
      const result = await importPolicyFile(db, pending.text, manager.id, Date.now(), reason);
      if (!result.ok) return setMessage({ error: true, lines: [`“${pending.fileName}”不能导入，没有做任何改动：`, ...result.problems.slice(0, 8)] });
      setShown(result.record.key);
      const origin = `来源：${originText(pending.origin)}`;
      const claimed = pending.origin.kind === 'office' ? [] : ['按这一版本计算的政府补贴，街道不会按它核算；食堂自己出资的优惠不受影响。'];
      setMessage({
        error: false,
        lines: [
          pending.signatureOnly ? `已为“${result.record.policy.name}”补记签名。` : result.alreadyImported ? `“${result.record.policy.name}”这一版本已经导入过。` : `已导入“${result.record.policy.name}”，自 ${result.record.policy.effectiveFrom} 起生效。`,
          origin,
          ...claimed,
          ...pending.warnings,
        ],
      });
    } catch (error) {
      setMessage({ error: true, lines: [`没有导入：${error instanceof Error ? error.message : String(error)}`] });
    } finally {
      setImporting(false);
    }
  };

  return (
    <PlacePage place="policies">
      <section className="panel" aria-labelledby="policy-list-title">
        <h2 id="policy-list-title">已导入的政策</h2>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void importFile()} disabled={importing || pending !== undefined}>
            导入政策文件…
          </button>
          <button type="button" onClick={() => setEditing({ base: emptySimplePolicy(date), at: Date.now() })}>
            新建政策（简易编辑）
          </button>
          <label>
            查看生效日期 <DateField value={date} required onChange={setDate} />
          </label>
        </div>
        {message && (
          <div role="status" className={message.error ? 'error' : undefined} data-testid="policy-message">
            {message.lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
        {versions?.length === 0 && <p className="hint">还没有导入政策：收银台暂时都按原价收费。请导入街道或民政部门下发的政策文件。</p>}
        {versions && versions.length > 0 && (
          <table className="table" data-testid="policy-versions">
            <thead>
              <tr>
                <th>名称</th>
                <th>生效</th>
                <th>截止</th>
                <th>导入时间</th>
                <th>来源</th>
                <th>{date} 是否适用</th>
                <th className="policy-state">今天</th>
                <th className="policy-state">提示</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.key} aria-selected={explained?.key === version.key}>
                  <td>
                    <button type="button" className="link" onClick={() => setShown(version.key)}>
                      {version.policy.name}
                    </button>
                  </td>
                  <td>{version.policy.effectiveFrom}</td>
                  <td>{version.policy.effectiveTo ?? '长期'}</td>
                  <td>{version.importedAt.slice(0, 16).replace('T', ' ')}</td>
                  <td title={originText(policyOrigin(version.issue, office ?? { key: '', fingerprint: '' }))}>{ORIGIN_LABELS[policyOrigin(version.issue, office ?? { key: '', fingerprint: '' }).kind]}</td>
                  <td>{inForce.includes(version.policy) ? '适用' : '—'}</td>
                  <td className={statuses?.get(version.key)?.state.kind === 'in_force' ? 'policy-state' : 'policy-state hint'}>{statuses?.get(version.key)?.state.label}</td>
                  <td className={statuses?.get(version.key)?.notes.length ? 'policy-state warning' : 'policy-state'}>{statuses && (statuses.get(version.key)?.notes.length ? `${statuses.get(version.key)!.notes.length} 条` : '无')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {explained && (
        <section className="panel" aria-labelledby="policy-explain-title">
          <h2 id="policy-explain-title">{explained.policy.name}：规则说明</h2>
          <div className="explain" data-testid="policy-explanation">
            {explainPolicy(explained.policy).map((line, index) => (
              <p key={index}>{line}</p>
            ))}
          </div>
          <PolicyNotesList notes={statuses?.get(explained.key)?.notes} />
          <EditFromVersion policy={explained.policy} onEdit={(base) => setEditing({ base, at: Date.now() })} />
          <StopPolicy key={explained.key} policy={explained.policy} onDone={setMessage} />
        </section>
      )}
      {pending && (
        <ManagerApproval
          title={pending.signatureOnly ? '补记政策签名' : '导入政策'}
          detail={
            pending.signatureOnly
              ? `“${pending.policy.name}”这一版本已经导入过；${pending.fileName} 带有签名：${originText(pending.origin)}。`
              : [`导入“${pending.policy.name}”（${pending.fileName}），自 ${pending.policy.effectiveFrom} 起生效，收银台从那天起按它计算补贴。来源：${originText(pending.origin)}。`, ...pending.warnings].join(' ')
          }
          defaultReason="导入政策"
          onApproved={(approval) => void approved(approval)}
          onCancel={() => {
            setMessage({ error: false, lines: [`已取消，没有导入“${pending.fileName}”。`] });
            setPending(undefined);
          }}
        />
      )}
      {editing && <PolicyEditor key={editing.at} base={editing.base} onSaved={setShown} onClose={() => setEditing(undefined)} />}
      {versions && versions.length > 0 && <PolicyTrial versions={versions} initialDate={date} />}
    </PlacePage>
  );
}

function EditFromVersion({ policy, onEdit }: { policy: Parameters<typeof fromPolicyFile>[0]; onEdit: (base: SimplePolicy) => void }) {
  const simple = fromPolicyFile(policy);
  if (!simple) return <p className="hint">这份政策用到了简易编辑器显示不了的设置（如折扣、分担比例、送餐补贴、节假日），要修改请编辑政策文件后重新导入。</p>;
  return (
    <div className="actions">
      <button type="button" onClick={() => onEdit(simple)}>
        以此为基础修改
      </button>
    </div>
  );
}

/** The checker's warnings for the policy shown: things the file allows but its author rarely means. */
function PolicyNotesList({ notes }: { notes: readonly string[] | undefined }) {
  if (!notes?.length) return null;
  return (
    <div className="policy-notes" data-testid="policy-notes">
      <h3>提示（{notes.length} 条）：政策可以用，但这些写法多半不是本意</h3>
      <ul>
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
