import { useRef, useState, type DragEvent } from 'react';
import type { ImportedFile } from '../../shared/office/office-store-wire';
import type { PackageFile } from '../../shared/office/verify-files';
import { formatYuan } from '../../shared/money';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { bridge } from '../bridge';
import { useSignedInPerson } from '../people/session';
import { useOfficeStore } from './use-office-store';

/** Import one or many claim packages: picked, or dropped onto the panel. Each is verified before anything is kept. */
export function ImportPanel({ onImported }: { onImported: (months: string[]) => void }) {
  const [step, setStep] = useState<string>();
  const [results, setResults] = useState<ImportedFile[]>();
  const [message, setMessage] = useState<FormMessage>();
  const store = useOfficeStore();
  const person = useSignedInPerson();
  // Set at once, before any await: a second click or drop while one import runs starts nothing.
  const running = useRef(false);
  const [dragging, setDragging] = useState(false);

  const run = async (files: PackageFile[]) => {
    if (!files.length || running.current) return;
    running.current = true;
    setResults(undefined);
    setMessage(undefined);
    setStep('正在准备');
    try {
      const result = await store.importPackageFiles(files, person?.name ?? '', setStep);
      setResults(result);
      onImported([...new Set(result.flatMap((file) => (file.ok ? [file.month] : [])))]);
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      running.current = false;
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
      <FormMessageLine message={message} testId="office-import-message" />
      {results && (
        <ul className="office-results" aria-label="导入结果">
          {results.map((file, index) => (
            <li key={`${file.fileName}-${index}`} className={file.ok ? 'ok' : 'error'}>
              {file.ok ? (
                <>
                  ✓ {file.fileName}：已导入 {file.canteenName} {file.month} 第 {file.revision} 版，{file.meals} 人次，净申报 {formatYuan(file.netClaimFen)}
                </>
              ) : (
                <>
                  ✗ {file.fileName}：{file.alreadyHeld ? '' : '拒收。'}
                  {file.message}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
