import { useEffect, useRef, useState } from 'react';
import type { ResidentRecord } from '../../shared/ledger/records';
import { db } from '../db/app-db';
import { findByScan } from '../db/residents-repository';

/** The one field that identifies the elder: a card reader or scanner types a number and Enter. */
export function IdentifyField({ active, onResident, onNotFound }: { active: boolean; onResident: (resident: ResidentRecord) => void; onNotFound: (text: string) => void }) {
  const [text, setText] = useState('');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (active) {
      setText('');
      field.current?.focus();
    }
  }, [active]);

  const identify = async () => {
    const found = await findByScan(db, text);
    if (found) onResident(found);
    else onNotFound(`没有找到“${text.trim()}”：请核对，或按 F9 按散客结账`);
  };

  return (
    <input
      ref={field}
      className="scan"
      aria-label="识别老人"
      placeholder="刷身份证或饭卡后按回车；散客按 F9"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && active) {
          event.preventDefault();
          void identify();
        }
      }}
      disabled={!active}
    />
  );
}
