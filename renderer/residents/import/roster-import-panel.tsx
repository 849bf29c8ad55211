// 导入花名册: the manager picks the community's roster (.xlsx or .csv), checks the column mapping on the first
// rows, sees every row that cannot be imported with its reasons (and may download them as .xlsx), and only
// then confirms with a manager's PIN; the valid rows are written in one transaction, audited under that manager.
import { useCallback, useMemo, useState } from 'react';
import { chinaIsoFromEpochMs } from '../../../shared/china-time';
import { findHeaderRow, ROSTER_FIELD_LABELS, ROSTER_FIELDS, type ColumnMapping } from '../../../shared/roster/columns';
import { progressText, useTask } from '../../app/use-task';
import { bridge } from '../../bridge';
import { db } from '../../db/app-db';
import { auditExport } from '../../db/audit';
import { requireSignedIn } from '../../people/session';
import { importRoster, rosterIdNumbers } from '../../db/roster-import';
import { ManagerApproval, type Approval } from '../../people/manager-approval';
import { badRowsWorkbook, readRosterFile } from './read-roster-file';
import { columnOptions, previewRoster, remap } from './roster-preview';
import { FormMessageLine, type FormMessage } from '../../app/form-message';
import { useLiveQuery } from 'dexie-react-hooks';
import { readSetting } from '../../db/settings-repository';
import { EMPTY_DEFAULTS, rosterDefaults, RosterDefaultsFields, type DefaultsDraft } from './roster-defaults';

type Loaded = { fileName: string; rows: string[][]; encoding?: string; headerRow: number; mapping: ColumnMapping; existingIds: Set<string> };

const PREVIEW_ROWS = 5;
const BAD_ROWS_SHOWN = 200;

export function RosterImport() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [message, setMessage] = useState<FormMessage>();
  const [reading, setReading] = useState(false);
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);

  const [defaultsDraft, setDefaultsDraft] = useState<DefaultsDraft>(EMPTY_DEFAULTS);
  const defaults = useMemo(() => rosterDefaults(defaultsDraft), [defaultsDraft]);
  const canteenArea = useLiveQuery(async () => (await readSetting(db, 'canteen')).areaCode, []);
  const preview = useMemo(
    () => loaded && previewRoster(loaded.rows, loaded.headerRow, loaded.mapping, loaded.existingIds, today, defaults.ok ? defaults.defaults : {}),
    [loaded, today, defaults],
  );

  const work = useCallback(
    async (progress: (done: number, total: number) => void, file: Loaded, rows: Parameters<typeof importRoster>[1], badRows: number, approval: Approval) =>
      importRoster(db, rows, approval.manager.id, { fileName: file.fileName, badRows, reason: approval.reason }, progress),
    [],
  );
  const task = useTask(work);
  // 确认导入 asks a manager's approval (reason and PIN); the rows are written only once it is given.
  const [approving, setApproving] = useState(false);

  const pick = async () => {
    if (reading || task.running) return;
    setReading(true);
    setMessage(undefined);
    task.reset();
    try {
      const picked = await bridge.openFiles({ filters: [{ name: '花名册', extensions: ['xlsx', 'csv'] }] });
      if (!picked.ok) return setMessage(picked.code === 'cancelled' ? undefined : { error: true, text: picked.message });
      const file = picked.files[0]!;
      // A new file replaces the previous one at once: a refused file must leave nothing to confirm.
      setLoaded(undefined);
      const { rows, encoding } = await readRosterFile(file.name, file.bytes);
      if (rows.every((row) => row.every((cell) => !cell.trim()))) return setMessage({ error: true, text: `“${file.name}”里没有内容` });
      const { headerRow, mapping } = findHeaderRow(rows);
      setLoaded({ fileName: file.name, rows, encoding, headerRow, mapping, existingIds: await rosterIdNumbers(db) });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setReading(false);
    }
  };

  const downloadBad = async () => {
    if (!loaded || !preview) return;
    const bytes = badRowsWorkbook(preview.header, preview.validation.bad, chinaIsoFromEpochMs(Date.now()));
    const base = loaded.fileName.replace(/\.[^.]+$/, '');
    const saved = await bridge.saveFile({ suggestedName: `${base}-未导入的行.xlsx`, bytes, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    if (!saved.ok && saved.code !== 'cancelled') setMessage({ error: true, text: saved.message });
    if (saved.ok) await auditExport(db, requireSignedIn().id, 'roster_bad_rows', { file: loaded.fileName, rows: preview.validation.bad.length });
  };

  const confirm = () => {
    if (!loaded || !preview || task.running || preview.validation.valid.length === 0 || !defaults.ok) return;
    setApproving(true);
  };

  const approved = (approval: Approval) => {
    setApproving(false);
    if (!loaded || !preview || preview.validation.valid.length === 0) return;
    void task.start(loaded, preview.validation.valid, preview.validation.bad.length, approval);
  };

  const finished = task.state.status === 'done';
  const width = preview ? Math.max(preview.header.length, ...preview.dataRows.slice(0, 50).map((row) => row.length)) : 0;
  const options = preview ? columnOptions(preview.header, width) : [];

  return (
    <section className="panel" aria-labelledby="roster-import-title" data-testid="roster-import">
      <h2 id="roster-import-title">导入花名册</h2>
      <p className="hint">选择社区提供的花名册（Excel .xlsx 或 .csv）。先检查每一行，确认后才写入。</p>
      <div className="actions">
        <button type="button" onClick={() => void pick()} disabled={reading || task.running}>
          {reading ? '正在读取…' : '选择花名册文件…'}
        </button>
        {loaded && !task.running && !approving && (
          <button type="button" onClick={() => (setLoaded(undefined), task.reset())}>
            {finished ? '完成' : '取消导入'}
          </button>
        )}
      </div>
      <FormMessageLine message={message} testId="roster-import-message" />
      {loaded && preview && (
        <>
          <p data-testid="roster-import-file">
            文件：{loaded.fileName}
            {loaded.encoding === 'gbk' ? '（GBK 编码）' : ''}，表头在第{' '}
            <select
              aria-label="表头所在行"
              value={loaded.headerRow}
              disabled={task.running || finished}
              onChange={(event) => {
                const headerRow = Number(event.target.value);
                setLoaded({ ...loaded, headerRow, mapping: findHeaderRow(loaded.rows.slice(headerRow), 1).mapping });
              }}
            >
              {loaded.rows.slice(0, 20).map((_, index) => (
                <option key={index} value={index}>
                  {index + 1}
                </option>
              ))}
            </select>{' '}
            行：{preview.header.filter(Boolean).join('、')}
          </p>
          <table className="table" data-testid="roster-import-mapping">
            <thead>
              <tr>
                {ROSTER_FIELDS.map((field) => (
                  <th key={field}>
                    <label>
                      {ROSTER_FIELD_LABELS[field]}
                      <br />
                      <select
                        aria-label={`${ROSTER_FIELD_LABELS[field]}所在列`}
                        value={loaded.mapping[field] ?? ''}
                        disabled={task.running || finished}
                        onChange={(event) => setLoaded({ ...loaded, mapping: remap(loaded.mapping, field, event.target.value === '' ? undefined : Number(event.target.value)) })}
                      >
                        <option value="">（不导入）</option>
                        {options.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    </label>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.dataRows.slice(0, PREVIEW_ROWS).map((row, index) => (
                <tr key={index}>
                  {ROSTER_FIELDS.map((field) => {
                    const column = loaded.mapping[field];
                    return <td key={field}>{column === undefined ? '' : (row[column] ?? '')}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <RosterDefaultsFields draft={defaultsDraft} onChange={setDefaultsDraft} canteenArea={canteenArea} disabled={task.running || finished} problem={defaults.ok ? undefined : defaults.message} />
          <p role="status" data-testid="roster-import-counts">
            可导入 <strong data-testid="roster-import-valid">{preview.validation.valid.length}</strong> 行，有问题{' '}
            <strong data-testid="roster-import-bad">{preview.validation.bad.length}</strong> 行（有问题的行不会导入）
          </p>
          {preview.validation.bad.length > 0 && (
            <>
              <div className="actions">
                <button type="button" onClick={() => void downloadBad()}>
                  下载有问题的行（.xlsx）
                </button>
              </div>
              <table className="table" data-testid="roster-import-bad-rows">
                <thead>
                  <tr>
                    <th>行号</th>
                    <th>姓名</th>
                    <th>原因</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.validation.bad.slice(0, BAD_ROWS_SHOWN).map((row) => (
                    <tr key={row.rowNumber} data-row={row.rowNumber}>
                      <td>{row.rowNumber}</td>
                      <td>{loaded.mapping.name === undefined ? '' : (row.values[loaded.mapping.name] ?? '')}</td>
                      <td>{row.reasons.join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.validation.bad.length > BAD_ROWS_SHOWN && <p className="hint">只列出前 {BAD_ROWS_SHOWN} 行，全部请下载查看。</p>}
            </>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={confirm} disabled={approving || task.running || finished || preview.validation.valid.length === 0 || !defaults.ok}>
              确认导入 {preview.validation.valid.length} 人
            </button>
            {task.running && <span role="progressbar">正在导入 {progressText(task.state)}</span>}
          </div>
          {task.state.status === 'done' && (
            <p role="status" data-testid="roster-import-done">
              已导入 {task.state.result.added} 人。
            </p>
          )}
          {task.state.status === 'failed' && (
            <p role="alert" className="error">
              导入失败，没有写入任何数据：{task.state.message}
            </p>
          )}
          {approving && (
            <ManagerApproval
              title="导入花名册"
              detail={`把“${loaded.fileName}”中可导入的 ${preview.validation.valid.length} 人加入居民名单${preview.validation.bad.length ? `（有问题的 ${preview.validation.bad.length} 行不导入）` : ''}。`}
              defaultReason="导入花名册"
              onApproved={approved}
              onCancel={() => setApproving(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
