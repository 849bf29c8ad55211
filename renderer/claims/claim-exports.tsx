import { useCallback, useState } from 'react';
import type { ClaimExportRecord } from '../../shared/ledger/records';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { useTask, type TaskState } from '../app/use-task';
import { bridge } from '../bridge';
import { appLedger, db } from '../db/app-db';
import { exportedClaim, exportMonth, rebuildExport, type MonthPreview } from '../db/claim-export';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { printOrSavePdf } from '../print/print';
import { MonthlyReport } from './monthly-report';

function taskMessage(state: TaskState<string>, failure: string): FormMessage | undefined {
  if (state.status === 'done') return { error: false, text: state.result };
  if (state.status === 'failed') return { error: true, text: failure + state.message };
  return undefined;
}

const STEPS = ['正在关账', '正在汇总明细', '正在写 claim.json', '正在写 claim.xlsx', '正在写 claim.csv', '正在计算校验值并签名', '正在打包'];

/** Where the package went, in words: a path on the desktop, the downloads folder in a browser. */
async function save(fileName: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const saved = await bridge.saveFile({ suggestedName: fileName, bytes, filters: [{ name: '申报包', extensions: ['zip'] }] });
  if (!saved.ok) throw new Error(saved.code === 'cancelled' ? '没有保存：已取消。需要时可在下方“再次下载”。' : saved.message);
  return saved.path ? `保存在 ${saved.path}` : '已下载到浏览器的下载文件夹';
}

/** The month's exports: export (closing the month), a new revision, downloading any revision again, the printed report. */
export function ClaimExports({ month, preview }: { month: string; preview: MonthPreview }) {
  const [approving, setApproving] = useState<'first' | 'revision'>();
  const [message, setMessage] = useState<FormMessage>();
  const [step, setStep] = useState('');
  const [last, setLast] = useState<'export' | 'download' | 'print'>();
  const blocked = preview.attention.some((item) => item.blocking);
  const exported = preview.exports.length > 0;

  const exporting = useTask(
    useCallback(async (progress: (done: number, total: number) => void, approval: Approval, newRevision: boolean) => {
      const onStep = (text: string) => {
        setStep(text);
        progress(STEPS.indexOf(text) + 1, STEPS.length);
      };
      const manager = { id: approval.manager.id, name: approval.manager.name };
      const result = await exportMonth(db, await appLedger(), bridge, { month, manager, newRevision, reason: approval.reason, nowMs: Date.now() }, onStep);
      const path = await save(result.fileName, result.bytes);
      return `已导出 ${result.fileName}（第 ${result.record.revision} 版），${path}。${result.record.revision === 1 ? '本月已关账。' : `替代第 ${result.record.replaces?.revision} 版。`}`;
    }, [month]),
  );
  const downloading = useTask(
    useCallback(async (_progress: (done: number, total: number) => void, record: ClaimExportRecord) => {
      const again = await rebuildExport(db, bridge, record, setStep);
      return `已重新生成 ${again.fileName}（与当初导出的文件完全一致），${await save(again.fileName, again.bytes)}。`;
    }, []),
  );

  const approved = (approval: Approval) => {
    const newRevision = approving === 'revision';
    setApproving(undefined);
    setLast('export');
    void exporting.start(approval, newRevision).then(() => setStep(''));
  };

  const print = async (record: ClaimExportRecord) => {
    setLast('print');
    const claim = await exportedClaim(db, record);
    const pdfName = record.fileName.replace(/\.claim\.zip$/, '_月度补贴报表.pdf');
    const result = await printOrSavePdf(<MonthlyReport claim={claim} fileName={record.fileName} />, 'a4', pdfName);
    if (!result.ok) return setMessage({ error: true, text: `没有打印成功：${result.message}` });
    setMessage({ error: false, text: result.savedAs ? `月度补贴报表已保存为 ${result.savedAs}` : '月度补贴报表已送去打印' });
  };

  const busy = exporting.running || downloading.running;
  const outcome = last === 'export' ? taskMessage(exporting.state, '没有导出成功：') : last === 'download' ? taskMessage(downloading.state, '没有重新生成：') : message;

  return (
    <>
      <div className="actions">
        {!exported ? (
          <button type="button" className="primary" disabled={blocked || busy} onClick={() => setApproving('first')}>
            {exporting.running ? `${step || '正在导出'}…` : '导出申报包并关账…'}
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => setApproving('revision')}>
            {exporting.running ? `${step || '正在导出'}…` : '导出新版本…'}
          </button>
        )}
      </div>
      <FormMessageLine message={outcome} testId="claim-message" />
      {exported && (
        <table className="table" data-testid="claim-exports">
          <thead>
            <tr>
              <th>版本</th>
              <th>导出时间</th>
              <th>导出人</th>
              <th>文件</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {preview.exports.map((record) => (
              <tr key={record.id}>
                <td>
                  第 {record.revision} 版{record.replaces && `（替代第 ${record.replaces.revision} 版）`}
                </td>
                <td>{record.exportedAt.slice(0, 16).replace('T', ' ')}</td>
                <td>{record.exportedByName}</td>
                <td>{record.fileName}</td>
                <td>
                  <div className="actions">
                  <button type="button" disabled={busy} onClick={() => {
                      setLast('download');
                      void downloading.start(record);
                    }}>
                    再次下载
                  </button>
                  <button type="button" onClick={() => void print(record)}>
                    打印报表
                  </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {approving && (
        <ManagerApproval
          title={approving === 'first' ? `导出 ${month} 申报包` : `导出 ${month} 新版本`}
          detail={approving === 'first' ? '导出后本月关账：本月的消费不能再原地作废，之后的作废将在下个月申报中冲减。' : '新版本将替代已导出的版本，请写明更正原因。'}
          defaultReason={approving === 'first' ? '月度申报' : ''}
          onApproved={approved}
          onCancel={() => setApproving(undefined)}
        />
      )}
    </>
  );
}
