import { ageOn } from '../../../shared/age';
import type { LocalDate } from '../../../shared/china-time';
import { maskId } from '../../../shared/id-number';
import type { ResidentRecord } from '../../../shared/ledger/records';
import { phoneDigits } from '../../../shared/search/normalize';
import type { MatchKind, SearchResult } from '../../../shared/search/roster-search';
import { ELDER_AGE, SEX_LABELS, STATUS_LABELS } from './card-facts';
import type { RosterState } from './roster-index';

const MATCH_LABELS: Record<MatchKind, string> = {
  id: '证件号',
  card: '饭卡',
  phone: '电话',
  name: '姓名',
  initials: '拼音',
  name_prefix: '姓名',
  initials_prefix: '拼音',
  id_last4: '证件后四位',
  phone_last4: '电话后四位',
  name_part: '姓名',
  id_prefix: '证件号',
  phone_prefix: '电话',
};

const maskPhone = (phone: string) => {
  const digits = phoneDigits(phone);
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : `****${digits.slice(-4)}`;
};

function Hit({ resident, match, index, selected, today, onPick }: { resident: ResidentRecord; match: MatchKind; index: number; selected: boolean; today: LocalDate; onPick: () => void }) {
  const age = ageOn(resident.birthDate, today);
  return (
    <li
      id={`identify-hit-${index}`}
      role="option"
      aria-selected={selected}
      className={selected ? 'hit selected' : 'hit'}
      // Keep the focus in the field: a click picks, the field keeps listening for the next scan.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
    >
      <strong className="hit-name">{resident.name}</strong>
      <span className={age < ELDER_AGE ? 'hit-age young' : 'hit-age'}>
        {resident.sex ? SEX_LABELS[resident.sex] : ''} {age} 岁
      </span>
      <span className="hit-id">{maskId(resident.idNumber)}</span>
      <span className="hit-phone">{resident.phone ? maskPhone(resident.phone) : ''}</span>
      <span className="hit-match">{MATCH_LABELS[match]}</span>
      {resident.status !== 'active' ? <span className={`status status-${resident.status}`}>{STATUS_LABELS[resident.status]}</span> : <span />}
    </li>
  );
}

/** The results under the identify field, or what to do when there are none. */
export function SearchResults({
  roster,
  result,
  highlight,
  today,
  onPick,
  onRegister,
}: {
  roster: RosterState;
  result: SearchResult | null;
  highlight: number;
  today: LocalDate;
  onPick: (resident: ResidentRecord) => void;
  onRegister: () => void;
}) {
  let body;
  if (roster.status === 'loading') body = <p className="results-note">正在载入花名册…（刷证可直接识别）</p>;
  else if (roster.status === 'failed') body = <p className="results-note bad">花名册读取失败：{roster.message}（刷证可直接识别）</p>;
  else if (!result) body = null;
  else if (result.hits.length === 0) {
    body = (
      <p className="results-note">
        {result.kind === 'number' && result.query.length < 4 ? '请输入证件号或电话号码的后 4 位，或刷卡。' : `没有找到“${result.query}”。`}
        <button type="button" className="register-link" onMouseDown={(event) => event.preventDefault()} onClick={onRegister}>
          按 F10（或回车）登记新老人
        </button>
        ；散客按 F9
      </p>
    );
  } else {
    body = (
      <ol id="identify-results" role="listbox" aria-label="查找结果" className="hits" data-query={result.query}>
        {result.hits.map((hit, i) => (
          <Hit key={hit.resident.id} resident={hit.resident} match={hit.match} index={i} selected={i === highlight} today={today} onPick={() => onPick(hit.resident)} />
        ))}
      </ol>
    );
  }
  return (
    <div className="identify-results" data-testid="identify-results" data-query={result?.query ?? ''}>
      {body}
      {result && result.hits.length > 0 && (
        <p className="results-foot">
          {result.total > result.hits.length ? `共 ${result.total} 人，显示前 ${result.hits.length} 人，请继续输入 · ` : `共 ${result.total} 人 · `}
          <kbd className="key">↑</kbd> <kbd className="key">↓</kbd> 选择 · <kbd className="key">回车</kbd> 确认 · <kbd className="key">Esc</kbd> 清空 · <kbd className="key">F10</kbd> 登记新老人 ·{' '}
          <kbd className="key">F9</kbd> 散客
        </p>
      )}
    </div>
  );
}
