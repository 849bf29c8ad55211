// The simple policy editor: the common case (age tiers, categories, fixed amounts, meal periods, count
// limits, one funder) as a form. It writes the ordinary policy file and saves it, once a manager approves with
// their PIN, through importPolicyFile, so the same validation, versioning and audit apply as for an imported file.
import { useState, type FormEvent } from 'react';
import { MEAL_PERIOD_LABELS, MEAL_PERIODS, type MealPeriod } from '../../shared/atoms';
import { CATEGORIES, type CategoryCode } from '../../shared/categories';
import { parseHhmm } from '../../shared/china-time';
import { fenToYuanString, parseYuan } from '../../shared/money';
import { PolicySchema } from '../../shared/policy/schema';
import { toPolicyFile, type SimplePolicy, type SimpleRule } from '../../shared/policy/simple-policy';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { checkPolicyFile, importPolicyFile } from '../db/policies-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { DateField } from '../app/date-field';

type RuleDraft = { name: string; minAge: string; maxAge: string; categories: CategoryCode[]; amount: string; hukouArea: string };
type PeriodDraft = { on: boolean; from: string; to: string };
type Draft = {
  id: string;
  name: string;
  issuer: string;
  effectiveFrom: string;
  effectiveTo: string;
  periods: Record<MealPeriod, PeriodDraft>;
  rules: RuleDraft[];
  perDay: string;
  perWeek: string;
  perMonth: string;
  funderName: string;
  claimable: boolean;
};

function toDraft(p: SimplePolicy): Draft {
  const periods = Object.fromEntries(
    MEAL_PERIODS.map((id) => {
      const m = p.mealPeriods.find((period) => period.id === id);
      return [id, { on: m !== undefined, from: m?.from ?? '', to: m?.to ?? '' }];
    }),
  ) as Record<MealPeriod, PeriodDraft>;
  const count = (n?: number) => (n === undefined ? '' : String(n));
  return {
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo ?? '',
    periods,
    rules: p.rules.map((r) => ({
      name: r.name,
      minAge: String(r.minAge),
      maxAge: count(r.maxAge),
      categories: r.categoriesAnyOf ?? [],
      amount: fenToYuanString(r.amountFen),
      hukouArea: r.hukouArea ?? '',
    })),
    perDay: count(p.limits.perDay),
    perWeek: count(p.limits.perWeek),
    perMonth: count(p.limits.perMonth),
    funderName: p.funder.name,
    claimable: p.funder.claimable,
  };
}

/** The simple policy the form describes, or the problems in Chinese. */
export function fromDraft(d: Draft): { ok: true; policy: SimplePolicy } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const age = (text: string, what: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n < 0 || n > 150) problems.push(`${what}应为 0 到 150 的整数`);
    return n;
  };
  const count = (text: string, what: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n < 1) problems.push(`${what}应为正整数，不限就留空`);
    return n;
  };
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(d.id.trim())) problems.push('政策编号只能用字母、数字、下划线和连字符，如 jiedao-2026');
  if (!d.name.trim()) problems.push('请填写政策名称');
  if (!d.issuer.trim()) problems.push('请填写发文单位');
  if (!d.effectiveFrom) problems.push('请填写生效日期');
  if (d.effectiveTo && d.effectiveTo < d.effectiveFrom) problems.push('截止日期不能早于生效日期');
  const mealPeriods: SimplePolicy['mealPeriods'] = [];
  for (const id of MEAL_PERIODS) {
    const p = d.periods[id];
    if (!p.on) continue;
    const label = MEAL_PERIOD_LABELS[id];
    if (!p.from && !p.to) mealPeriods.push({ id });
    else if (!p.from || !p.to) problems.push(`${label}时段要同时填开始和结束，或都不填`);
    else if ((parseHhmm(p.from) ?? 0) >= (parseHhmm(p.to) ?? 0)) problems.push(`${label}时段的开始必须早于结束`);
    else mealPeriods.push({ id, from: p.from, to: p.to });
  }
  if (!Object.values(d.periods).some((p) => p.on)) problems.push('至少选一个餐次');
  if (d.rules.length === 0) problems.push('至少要有一条补贴规则');
  const rules: SimpleRule[] = d.rules.map((r, i) => {
    const what = `第 ${i + 1} 条规则`;
    if (!r.name.trim()) problems.push(`${what}：请填写名称`);
    const minAge = age(r.minAge, `${what}的起始年龄`);
    if (minAge === undefined) problems.push(`${what}：请填写起始年龄（周岁）`);
    const maxAge = age(r.maxAge, `${what}的最高年龄`);
    if (minAge !== undefined && maxAge !== undefined && maxAge < minAge) problems.push(`${what}：最高年龄不能小于起始年龄`);
    const amount = parseYuan(r.amount);
    if (!amount.ok) problems.push(`${what}：补贴金额应为元，如 3 或 2.50`);
    else if (amount.fen === 0) problems.push(`${what}：补贴金额不能为 0`);
    if (r.hukouArea.trim() && !/^\d{2,12}$/.test(r.hukouArea.trim())) problems.push(`${what}：户籍地区应为行政区划代码（数字），如 12 表示天津市`);
    return {
      name: r.name.trim(),
      minAge: minAge ?? 0,
      ...(maxAge !== undefined ? { maxAge } : {}),
      ...(r.categories.length ? { categoriesAnyOf: r.categories } : {}),
      amountFen: amount.ok ? amount.fen : 0,
      ...(r.hukouArea.trim() ? { hukouArea: r.hukouArea.trim() } : {}),
    };
  });
  const limits = {
    ...(count(d.perDay, '每天次数') !== undefined ? { perDay: Number(d.perDay) } : {}),
    ...(count(d.perWeek, '每周次数') !== undefined ? { perWeek: Number(d.perWeek) } : {}),
    ...(count(d.perMonth, '每月次数') !== undefined ? { perMonth: Number(d.perMonth) } : {}),
  };
  if (!d.funderName.trim()) problems.push('请填写出资方');
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  return {
    ok: true,
    policy: {
      id: d.id.trim(),
      name: d.name.trim(),
      issuer: d.issuer.trim(),
      effectiveFrom: d.effectiveFrom,
      ...(d.effectiveTo ? { effectiveTo: d.effectiveTo } : {}),
      mealPeriods,
      rules,
      limits,
      funder: { name: d.funderName.trim(), claimable: d.claimable },
    },
  };
}

const emptyRule: RuleDraft = { name: '', minAge: '', maxAge: '', categories: [], amount: '', hukouArea: '' };

/**
 * `issue`, on the office's side: the office keeps the version as one it issued (no canteen manager's PIN); it
 * answers with the version's key and what to tell the user.
 */
export default function PolicyEditor({
  base,
  onSaved,
  onClose,
  issue,
}: {
  base: SimplePolicy;
  onSaved: (key: string) => void;
  onClose: () => void;
  issue?: (text: string) => Promise<{ key: string; message: string }>;
}) {
  const [draft, setDraft] = useState(() => toDraft(base));
  const [message, setMessage] = useState<{ error: boolean; lines: string[] }>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setRule = (index: number, patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, rules: d.rules.map((r, at) => (at === index ? { ...r, ...patch } : r)) }));
  const setPeriod = (id: MealPeriod, patch: Partial<PeriodDraft>) => setDraft((d) => ({ ...d, periods: { ...d.periods, [id]: { ...d.periods[id], ...patch } } }));

  const fileText = (): string | undefined => {
    const built = fromDraft(draft);
    if (!built.ok) {
      setMessage({ error: true, lines: ['请先改正：', ...built.problems] });
      return undefined;
    }
    const parsed = PolicySchema.safeParse(toPolicyFile(built.policy));
    if (!parsed.success) {
      setMessage({ error: true, lines: ['请先改正：', ...parsed.error.issues.map((issue) => `${issue.path.join('.')}：${issue.message}`)] });
      return undefined;
    }
    return `${JSON.stringify(toPolicyFile(built.policy), null, 2)}\n`;
  };

  // The file the form wrote, waiting for a manager's approval; nothing is saved before it.
  const [pending, setPending] = useState<{ text: string; name: string; effectiveFrom: string }>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || pending) return;
    const text = fileText();
    if (!text) return;
    setBusy(true);
    try {
      if (issue) {
        const issued = await issue(text);
        setMessage({ error: false, lines: [issued.message] });
        return onSaved(issued.key);
      }
      const checked = await checkPolicyFile(db, text);
      if (!checked.ok) return setMessage({ error: true, lines: ['没有保存：', ...checked.problems.slice(0, 8)] });
      if (checked.existing) return setMessage({ error: false, lines: ['与已有版本完全相同，没有另存。'] });
      setMessage(undefined);
      setPending({ text, name: checked.policy.name, effectiveFrom: checked.policy.effectiveFrom });
    } catch (error) {
      setMessage({ error: true, lines: [`没有保存：${error instanceof Error ? error.message : String(error)}`] });
    } finally {
      setBusy(false);
    }
  };

  const approved = async ({ manager, reason }: Approval) => {
    if (!pending) return;
    setPending(undefined);
    setBusy(true);
    try {
      const result = await importPolicyFile(db, pending.text, manager.id, Date.now(), reason);
      if (!result.ok) return setMessage({ error: true, lines: ['没有保存：', ...result.problems.slice(0, 8)] });
      setMessage({
        error: false,
        lines: [result.alreadyImported ? '与已有版本完全相同，没有另存。' : `已保存为新版本“${result.record.policy.name}”，自 ${result.record.policy.effectiveFrom} 起生效。`],
      });
      onSaved(result.record.key);
    } catch (error) {
      setMessage({ error: true, lines: [`没有保存：${error instanceof Error ? error.message : String(error)}`] });
    } finally {
      setBusy(false);
    }
  };

  const exportFile = async () => {
    const text = fileText();
    if (!text) return;
    const saved = await bridge.saveFile({
      suggestedName: `${draft.id.trim()}-${draft.effectiveFrom}.json`,
      bytes: new TextEncoder().encode(text),
      filters: [{ name: '政策文件', extensions: ['json'] }],
    });
    if (saved.ok) setMessage({ error: false, lines: ['政策文件已导出。'] });
    else if (saved.code !== 'cancelled') setMessage({ error: true, lines: [saved.message] });
  };

  return (
    <section className="panel" aria-labelledby="policy-editor-title">
      <h2 id="policy-editor-title">编辑政策（简易）</h2>
      <p className="hint">
        {issue ? '保存后登记为街道发布的一个新版本，自生效日期起街道按它核算各食堂的申报；旧版本仍保留，之前的日期照旧。' : '保存后成为一个新版本，自生效日期起收银台按它计算；旧版本仍保留，之前的日期照旧。'}
      </p>
      <form className="form" onSubmit={(event) => void save(event)} data-testid="policy-editor">
        <label>
          政策编号 <input value={draft.id} onChange={(event) => set({ id: event.target.value })} placeholder="如 jiedao-2026" />
        </label>
        <label>
          政策名称 <input value={draft.name} onChange={(event) => set({ name: event.target.value })} size={30} />
        </label>
        <label>
          发文单位 <input value={draft.issuer} onChange={(event) => set({ issuer: event.target.value })} size={30} />
        </label>
        <div className="actions" style={{ margin: 0 }}>
          <label>
            生效日期 <DateField aria-label="生效日期" value={draft.effectiveFrom} onChange={(effectiveFrom) => set({ effectiveFrom })} />
          </label>
          <label>
            截止日期（可不填） <DateField aria-label="截止日期" value={draft.effectiveTo} onChange={(effectiveTo) => set({ effectiveTo })} />
          </label>
        </div>
        <fieldset>
          <legend>餐次（时段可不填，不填则全天该餐次都算）</legend>
          <div>
          {MEAL_PERIODS.map((id) => (
            <div key={id} className="actions" style={{ margin: '0.25rem 0', alignItems: 'center' }}>
              <label className="check">
                <input type="checkbox" checked={draft.periods[id].on} onChange={(event) => setPeriod(id, { on: event.target.checked })} /> {MEAL_PERIOD_LABELS[id]}
              </label>
              {draft.periods[id].on && (
                <>
                  <input type="time" aria-label={`${MEAL_PERIOD_LABELS[id]}开始`} value={draft.periods[id].from} onChange={(event) => setPeriod(id, { from: event.target.value })} />至
                  <input type="time" aria-label={`${MEAL_PERIOD_LABELS[id]}结束`} value={draft.periods[id].to} onChange={(event) => setPeriod(id, { to: event.target.value })} />
                </>
              )}
            </div>
          ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>补贴规则（同时符合几条时，按金额最高的一条补贴）</legend>
          <div style={{ flex: 1 }}>
          {draft.rules.map((rule, index) => (
            <div key={index} style={{ borderBottom: '1px solid var(--line)', padding: '0.4rem 0' }} data-testid={`policy-rule-${index + 1}`}>
              <div className="actions" style={{ margin: '0.25rem 0', alignItems: 'center' }}>
                <label>
                  名称 <input aria-label={`规则 ${index + 1} 名称`} value={rule.name} onChange={(event) => setRule(index, { name: event.target.value })} size={14} />
                </label>
                <label>
                  年满 <input aria-label={`规则 ${index + 1} 起始年龄`} value={rule.minAge} onChange={(event) => setRule(index, { minAge: event.target.value })} size={3} inputMode="numeric" /> 周岁
                </label>
                <label>
                  至 <input aria-label={`规则 ${index + 1} 最高年龄`} value={rule.maxAge} onChange={(event) => setRule(index, { maxAge: event.target.value })} size={3} inputMode="numeric" /> 周岁（可不填）
                </label>
                <label>
                  每餐补贴 ¥ <input aria-label={`规则 ${index + 1} 补贴金额`} value={rule.amount} onChange={(event) => setRule(index, { amount: event.target.value })} size={5} inputMode="decimal" />
                </label>
              </div>
              <div className="actions" style={{ margin: '0.25rem 0', alignItems: 'center' }}>
                <label>
                  户籍地区代码（可不填） <input aria-label={`规则 ${index + 1} 户籍地区`} value={rule.hukouArea} onChange={(event) => setRule(index, { hukouArea: event.target.value })} size={8} inputMode="numeric" />
                </label>
                <details>
                  <summary>人员类别（任一即可；不选则不限）：{rule.categories.length ? rule.categories.map((c) => CATEGORIES.find((x) => x.code === c)?.label).join('、') : '不限'}</summary>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
                    {CATEGORIES.map((category) => (
                      <label key={category.code} className="check">
                        <input
                          type="checkbox"
                          checked={rule.categories.includes(category.code)}
                          onChange={(event) =>
                            setRule(index, { categories: event.target.checked ? [...rule.categories, category.code] : rule.categories.filter((c) => c !== category.code) })
                          }
                        />{' '}
                        {category.label}
                      </label>
                    ))}
                  </div>
                </details>
                <button type="button" className="link" onClick={() => set({ rules: draft.rules.filter((_, at) => at !== index) })}>
                  删除此规则
                </button>
              </div>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => set({ rules: [...draft.rules, { ...emptyRule }] })}>
              添加规则
            </button>
          </div>
          </div>
        </fieldset>
        <label>
          限次：每天最多 <input aria-label="每天最多次数" value={draft.perDay} onChange={(event) => set({ perDay: event.target.value })} size={3} inputMode="numeric" /> 次， 每周最多
          <input aria-label="每周最多次数" value={draft.perWeek} onChange={(event) => set({ perWeek: event.target.value })} size={3} inputMode="numeric" /> 次， 每月最多
          <input aria-label="每月最多次数" value={draft.perMonth} onChange={(event) => set({ perMonth: event.target.value })} size={3} inputMode="numeric" /> 次（不限就留空）
        </label>
        <div className="actions" style={{ margin: 0 }}>
          <label>
            出资方 <input aria-label="出资方" value={draft.funderName} onChange={(event) => set({ funderName: event.target.value })} size={16} />
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.claimable} onChange={(event) => set({ claimable: event.target.checked })} /> 月底向出资方申报（政府补贴）
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || pending !== undefined}>
            保存为新版本
          </button>
          <button type="button" onClick={() => void exportFile()}>
            导出文件
          </button>
          <button type="button" onClick={onClose}>
            关闭
          </button>
        </div>
        {message && (
          <div role="status" className={message.error ? 'error' : undefined} data-testid="policy-editor-message">
            {message.lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
      </form>
      {pending && (
        <ManagerApproval
          title="保存政策"
          detail={`把“${pending.name}”保存为新版本，自 ${pending.effectiveFrom} 起生效，收银台从那天起按它计算补贴。`}
          defaultReason="保存政策"
          onApproved={(approval) => void approved(approval)}
          onCancel={() => {
            setMessage({ error: false, lines: ['已取消，没有保存。'] });
            setPending(undefined);
          }}
        />
      )}
    </section>
  );
}
