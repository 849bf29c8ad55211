import { parseAreaCode, type RosterDefaults } from '../../../shared/roster/validate-rows';

export type DefaultsDraft = { hukouArea: string; residenceArea: string; inCareHome: boolean };
export const EMPTY_DEFAULTS: DefaultsDraft = { hukouArea: '', residenceArea: '', inCareHome: false };

/** The draft as the check of the rows takes it, or the problem with it (nothing is imported until it is fixed). */
export function rosterDefaults(draft: DefaultsDraft): { ok: true; defaults: RosterDefaults } | { ok: false; message: string } {
  const defaults: RosterDefaults = { inCareHome: draft.inCareHome };
  for (const [field, label] of [['hukouArea', '户籍地区'], ['residenceArea', '居住地区']] as const) {
    const text = draft[field].trim();
    if (!text) continue;
    const code = parseAreaCode(text);
    if (code === null) return { ok: false, message: `整份名单的${label}应填行政区划代码（6 到 12 位数字，如 120101）` };
    defaults[field] = code;
  }
  return { ok: true, defaults };
}

/**
 * 户籍地区, 居住地区 and 入住养老机构 for every row whose own cell is empty: a community's list rarely has
 * these columns, and without a 户籍地区 a policy that asks for local 户籍 pays nobody on it.
 */
export function RosterDefaultsFields({ draft, onChange, canteenArea, disabled, problem }: { draft: DefaultsDraft; onChange: (draft: DefaultsDraft) => void; canteenArea?: string; disabled: boolean; problem?: string }) {
  return (
    <fieldset className="roster-defaults" disabled={disabled}>
      <legend>名单中没有填写的，按以下填写</legend>
      <label>
        户籍地区代码 <input aria-label="整份名单的户籍地区" value={draft.hukouArea} placeholder={canteenArea || '如 120101'} inputMode="numeric" onChange={(event) => onChange({ ...draft, hukouArea: event.target.value })} />
      </label>
      <label>
        居住地区代码 <input aria-label="整份名单的居住地区" value={draft.residenceArea} placeholder={canteenArea || '如 120101'} inputMode="numeric" onChange={(event) => onChange({ ...draft, residenceArea: event.target.value })} />
      </label>
      {canteenArea && (
        <button type="button" onClick={() => onChange({ ...draft, hukouArea: canteenArea, residenceArea: canteenArea })}>
          都用本食堂所在地区（{canteenArea}）
        </button>
      )}
      <label>
        <input type="checkbox" checked={draft.inCareHome} onChange={(event) => onChange({ ...draft, inCareHome: event.target.checked })} /> 都已入住养老机构
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
