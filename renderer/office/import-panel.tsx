import { useState, type DragEvent } from 'react';
import type { PackageFile, VerifiedFile } from '../../shared/office/verify-files';
import { formatYuan } from '../../shared/money';
import { bridge } from '../bridge';
import { officeDb } from '../db/office-db';
import { importPackageFiles } from '../db/office-repository';

/** Import one or many claim packages: picked, or dropped onto the panel. Each is verified before anything is kept. */
export function ImportPanel({ onImported }: { onImported: (months: string[]) => void }) {
  const [step, setStep] = useState<string>();
  const [results, setResults] = useState<VerifiedFile[]>();
  const [dragging, setDragging] = useState(false);

  const run = async (files: PackageFile[]) => {
    if (!files.length || step) return;
    setResults(undefined);
    try {
      const result = await importPackageFiles(officeDb(), files, setStep);
      setResults(result.files);
      onImported([...new Set(result.files.flatMap((file) => (file.ok ? [file.claim.month] : [])))]);
    } finally {
      setStep(undefined);
    }
  };

  const pick = async () => {
    const picked = await bridge.openFiles({ multiple: true, filters: [{ name: '申报包', extensions: ['zip'] }] });
    if (picked.ok) await run(picked.files);
  };

  const drop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    await run(await Promise.all([...event.dataTransfer.files].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }))));
  };

  return (
    <section
      className={dragging ? 'panel office-drop dragging' : 'panel office-drop'}
      aria-labelledby="office-import-title"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => void drop(event)}
      data-testid="office-import"
    >
      <h2 id="office-import-title">导入申报包</h2>
      <p className="hint">可一次选择多个 .claim.zip 文件，或直接拖到这里。每个包都先核验压缩包结构、签名、校验值、合计，以及 claim.csv、claim.xlsx 是否与 claim.json 一致，不通过的包会说明原因，不会改动已导入的内容。</p>
      <div className="actions">
        <button type="button" onClick={() => void pick()} disabled={!!step}>
          选择申报包…
        </button>
        {step && <span role="status">{step}</span>}
      </div>
      {results && (
        <ul className="office-results" aria-label="导入结果">
          {results.map((file, index) => (
            <li key={`${file.fileName}-${index}`} className={file.ok ? 'ok' : 'error'}>
              {file.ok ? (
                <>
                  ✓ {file.fileName}：已导入 {file.claim.canteen.name} {file.claim.month} 第 {file.claim.revision} 版，{file.claim.totals.meals} 人次，净申报{' '}
                  {formatYuan(file.claim.totals.netClaimFen)}
                </>
              ) : (
                <>
                  ✗ {file.fileName}：拒收。{file.problem.message}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
