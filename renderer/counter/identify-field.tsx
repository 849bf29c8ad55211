import { useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { parseIdNumber } from '../../shared/id-number';
import type { ResidentRecord } from '../../shared/ledger/records';
import { queryKind, searchKey } from '../../shared/search/normalize';
import { findExact, searchRoster, type SearchResult } from '../../shared/search/roster-search';
import { cardNumberForms } from '../../shared/search/card-number';
import { detectScan, type Keystroke, type Scan } from '../../shared/search/scan-detect';
import { db } from '../db/app-db';
import { findByScan } from '../db/residents-repository';
import { useRoster } from './identify/roster-index';
import { SearchResults } from './identify/search-results';
import { RegisterResident } from './register-resident';

type Registering = { idNumber?: string; name?: string };

/** The counter hands the focus back here after each action; `first` is a key pressed while the focus was elsewhere. */
export type IdentifyHandle = { focus: (first?: Keystroke) => void };

/**
 * The one field that identifies the elder. A card reader or scanner types a number and Enter: that goes
 * straight to the elder (an exact lookup). A cashier types a name, its pinyin initials or the last 4 digits
 * of the ID or phone number: results update on every key, ↑↓ and Enter pick. F10 registers a new elder.
 */
export function IdentifyField({
  active,
  onResident,
  onNotFound,
  handle,
}: {
  active: boolean;
  onResident: (resident: ResidentRecord) => void;
  onNotFound: (text: string) => void;
  handle?: RefObject<IdentifyHandle | null>;
}) {
  const roster = useRoster(db);
  const [text, setText] = useState('');
  // What the results are for: the field's text, except while an input method is still composing.
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [registering, setRegistering] = useState<Registering>();
  const field = useRef<HTMLInputElement>(null);
  const keys = useRef<Keystroke[]>([]);
  const composing = useRef(false);

  const index = roster.status === 'ready' ? roster.index : null;
  const result: SearchResult | null = useMemo(() => (index && query.trim() ? searchRoster(index, query) : null), [index, query]);
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);

  const clear = () => {
    setText('');
    setQuery('');
    setHighlight(0);
    keys.current = [];
  };

  useImperativeHandle(
    handle,
    () => ({
      focus: (first) => {
        // While registering, the registration form keeps the focus.
        if (registering) return;
        // A scanner's first key, typed before the focus came back, still counts towards the scan.
        if (first) keys.current.push(first);
        field.current?.focus();
      },
    }),
    [registering],
  );

  useEffect(() => {
    if (active) {
      clear();
      field.current?.focus();
    } else {
      setRegistering(undefined);
    }
  }, [active]);

  const openRegistration = (typed: string) => {
    const key = searchKey(typed);
    const kind = queryKind(key);
    setRegistering(kind === 'number' || /^[a-z]{3}\d{12}$/.test(key) ? { idNumber: typed.trim() } : kind === 'text' ? { name: typed.trim() } : {});
  };

  // F10 registers from anywhere on the counter while nobody is being served.
  const f10 = useRef(() => {});
  f10.current = () => openRegistration(text);
  useEffect(() => {
    if (!active || registering) return;
    const listener = (event: KeyboardEvent) => {
      if (event.key !== 'F10' || event.defaultPrevented) return;
      event.preventDefault();
      f10.current();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active, registering]);

  const serve = (resident: ResidentRecord) => {
    setRegistering(undefined);
    // The field is disabled during the sale: it shows its hint, not the last search.
    clear();
    onResident(resident);
  };

  const find = async (number: string) => (index ? findExact(index, number)?.resident : await findByScan(db, number));
  /** The elder whose ID number or meal card is exactly one of `numbers`, a card in any reader's form (decimal, hex, reversed hex). */
  const exactHit = async (numbers: string[]) => {
    const candidates = [...new Set(numbers.filter(Boolean))];
    for (const number of [...candidates, ...new Set(candidates.flatMap(cardNumberForms))]) {
      const hit = await find(number);
      if (hit) return hit;
    }
    return undefined;
  };

  /**
   * A scan: exact lookup by ID number or meal card, never a search result. `typed` is the whole field: a PC
   * that stalls in the middle of a scan splits its keys into two bursts, and then the whole field is the number.
   */
  const identifyScan = async ({ text: scanned, core }: Scan, typed: string) => {
    const whole = typed.trim();
    const hit = await exactHit([scanned, core, whole]);
    if (hit) {
      serve(hit);
      return;
    }
    // A key pressed just before the scan is not part of the number; a scan split by a stall is the whole field.
    const shown = [scanned, core, whole].find((candidate) => parseIdNumber(candidate, today).ok) ?? scanned;
    setText(shown);
    setQuery(shown);
    onNotFound(parseIdNumber(shown, today).ok ? '证件号未登记：按 F10 登记新老人，或按 F9 按散客结账' : `没有找到“${shown.trim()}”：请核对，或按 F9 按散客结账`);
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (!active || event.nativeEvent.isComposing) return;
    const at = event.nativeEvent.timeStamp;
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      keys.current.push({ char: event.key, at });
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      const scan = detectScan(keys.current, at);
      keys.current = [];
      if (scan) void identifyScan(scan, text);
      else if (result?.hits[highlight]) serve(result.hits[highlight].resident);
      else if (text.trim() && !index) void identifyScan({ text, core: text }, text);
      // Typed (or a scan too short or too split to tell from typing): a card or ID number exactly, else a new elder.
      else if (text.trim()) void exactHit([text.trim()]).then((hit) => (hit ? serve(hit) : openRegistration(text)));
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const count = result?.hits.length ?? 0;
      if (count) setHighlight((current) => (current + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      clear();
      return;
    }
    // Editing keys (Backspace, arrows within the text, an IME's Process key) end any burst of scanner keys.
    keys.current = [];
  };

  return (
    <div className="identify-box">
      <input
        ref={field}
        className="scan"
        role="combobox"
        aria-label="识别老人"
        aria-expanded={!!result && !registering}
        aria-controls="identify-results"
        aria-activedescendant={result?.hits[highlight] ? `identify-hit-${highlight}` : undefined}
        aria-autocomplete="list"
        placeholder="刷身份证/饭卡，或输入姓名、拼音首字母、证件号或手机号后4位"
        autoComplete="off"
        spellCheck={false}
        value={text}
        data-roster={roster.status}
        onChange={(event) => {
          setText(event.target.value);
          setHighlight(0);
          if (!composing.current) setQuery(event.target.value);
        }}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={(event) => {
          composing.current = false;
          setQuery(event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        disabled={!active}
      />
      {active && !registering && text.trim() && (
        <SearchResults roster={roster} result={result} highlight={highlight} today={today} onPick={serve} onRegister={() => openRegistration(text)} />
      )}
      {active && registering && (
        <RegisterResident
          initial={registering}
          today={today}
          onServe={serve}
          onCancel={() => {
            setRegistering(undefined);
            field.current?.focus();
          }}
        />
      )}
    </div>
  );
}
