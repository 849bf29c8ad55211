// 报表: any date range's meals by day and period, subsidy by funder and by tier (or rule), ages of the persons served and
// the busiest half-hours, as charts (loaded lazily) with the same figures in tables beside them; 导出 Excel.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { MEAL_PERIODS, MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { formatYuan } from '../../shared/money';
import { AGE_BUCKETS } from '../../shared/age';
import { halfHourLabel, type RangeReport } from '../../shared/reports/range-report';
import { progressText, useTask, type TaskState } from '../app/use-task';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { auditExport } from '../db/audit';
import { requireSignedIn } from '../people/session';
import { rangeReport } from '../db/report-days';
import { readSetting } from '../db/settings-repository';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { DateField } from '../app/date-field';

const BarChart = lazy(() => import('./range-report-charts'));

const PERIOD_COLORS = { breakfast: '#e0a030', lunch: '#2f7ebc', dinner: '#6a4c9c' } as const;

function monthRange(): { from: string; to: string } {
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  return { from: `${today.slice(0, 7)}-01`, to: today };
}

/**
 * The report of the range asked for last. Each change of range starts a report of its own; the answer of
 * one asked for earlier, arriving late, is dropped, so the figures shown are always the range's on screen.
 */
function useRangeReport(from: string, to: string): TaskState<RangeReport> {
  const [state, setState] = useState<TaskState<RangeReport>>({ status: 'idle' });
  useEffect(() => {
    let current = true;
    setState({ status: 'running', done: 0, total: 0 });
    rangeReport(db, from, to, (done, total) => current && setState({ status: 'running', done, total })).then(
      (result) => current && setState({ status: 'done', result }),
      (error: unknown) => current && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [from, to]);
  return state;
}

export function RangeReportPanel() {
  const [range, setRange] = useState(monthRange);
  const [message, setMessage] = useState<FormMessage>();
  const state = useRangeReport(range.from, range.to);
  const exporting = useTask(
    useCallback(async (_progress: (done: number, total: number) => void, report: RangeReport) => {
      const { rangeReportWorkbook } = await import('./range-report-workbook');
      const canteen = await readSetting(db, 'canteen');
      const bytes = rangeReportWorkbook(canteen.name, report, chinaIsoFromEpochMs(Date.now()));
      const saved = await bridge.saveFile({ suggestedName: `报表-${report.from}至${report.to}.xlsx`, bytes, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
      if (!saved.ok && saved.code !== 'cancelled') throw new Error(saved.message);
      if (saved.ok) await auditExport(db, requireSignedIn().id, 'range_report', { from: report.from, to: report.to });
      return saved.ok;
    }, []),
  );
  useEffect(() => {
    if (exporting.state.status === 'done' && exporting.state.result) setMessage({ error: false, text: '报表已导出' });
    if (exporting.state.status === 'failed') setMessage({ error: true, text: `没有导出成功：${exporting.state.message}` });
  }, [exporting.state]);

  // Belt and braces: figures are shown only under the range they are of.
  const report = state.status === 'done' && state.result.from === range.from && state.result.to === range.to ? state.result : undefined;
  const valid = range.from <= range.to;

  return (
    <section className="panel range-report" aria-labelledby="range-report-title" data-testid="range-report">
      <h2 id="range-report-title">报表</h2>
      <div className="actions">
        <label>
          起始日期 <DateField value={range.from} required onChange={(from) => setRange((r) => ({ ...r, from }))} />
        </label>
        <label>
          截止日期 <DateField value={range.to} required onChange={(to) => setRange((r) => ({ ...r, to }))} />
        </label>
        <button type="button" disabled={!report || exporting.running} onClick={() => report && void exporting.start(report)}>
          {exporting.running ? '正在导出…' : '导出 Excel'}
        </button>
        {state.status === 'running' && <span role="status">正在统计 {progressText(state)}</span>}
      </div>
      {!valid && <p className="error">起始日期应不晚于截止日期</p>}
      {state.status === 'failed' && <p className="error">没有统计成功：{state.message}</p>}
      <FormMessageLine message={message} />
      {report && valid && <ReportBody report={report} />}
    </section>
  );
}

function ReportBody({ report }: { report: RangeReport }) {
  const charts = useMemo(() => {
    const days = report.byDay.map((day) => day.date.slice(5));
    const busy = report.halfHours.flatMap((count, slot) => (count ? [{ slot, count }] : []));
    // The chart spans the first to the last half-hour with meals, empty ones between included, so the rush shows its shape.
    const first = busy[0]?.slot ?? 0;
    const span = busy.length ? report.halfHours.slice(first, busy.at(-1)!.slot + 1).map((count, i) => ({ slot: first + i, count })) : [];
    return {
      days: { labels: days, series: MEAL_PERIODS.map((p) => ({ label: MEAL_PERIOD_LABELS[p], values: report.byDay.map((day) => day.meals[p]), color: PERIOD_COLORS[p] })) },
      funders: { labels: report.subsidyByFunder.map((f) => f.funderName), series: [{ label: '补贴（元）', values: report.subsidyByFunder.map((f) => f.amountFen / 100), color: '#2f7ebc' }] },
      tiers: { labels: report.subsidyByTier.map((t) => t.tier), series: [{ label: '补贴（元）', values: report.subsidyByTier.map((t) => t.amountFen / 100), color: '#3a9a5b' }] },
      ages: { labels: [...AGE_BUCKETS], series: [{ label: '人数', values: AGE_BUCKETS.map((b) => report.ages[b]), color: '#c0603a' }] },
      hours: { labels: span.map((b) => halfHourLabel(b.slot)), series: [{ label: '餐数', values: span.map((b) => b.count), color: '#2f7ebc' }], busy },
    };
  }, [report]);
  const topSlot = charts.hours.busy.reduce<{ slot: number; count: number } | undefined>((top, b) => (!top || b.count > top.count ? b : top), undefined);

  return (
    <>
      <dl className="report-totals" data-testid="report-totals">
        <div><dt>餐数</dt><dd data-testid="total-meals">{report.meals}</dd></div>
        <div><dt>服务人数</dt><dd data-testid="total-persons">{report.persons}</dd></div>
        <div><dt>餐费合计</dt><dd data-testid="total-gross">{formatYuan(report.grossFen)}</dd></div>
        <div><dt>优惠合计</dt><dd data-testid="total-discount">{formatYuan(report.discountFen)}</dd></div>
        <div><dt>补贴合计</dt><dd data-testid="total-subsidy">{formatYuan(report.subsidyFen)}</dd></div>
        <div><dt>老人实付</dt><dd data-testid="total-paid">{formatYuan(report.elderPaidFen)}</dd></div>
      </dl>
      <div className="report-grid">
        <figure className="report-figure">
          <figcaption>每日餐数（按餐次）</figcaption>
          <Suspense fallback={<div className="report-chart">正在加载图表…</div>}>
            <BarChart title="每日餐数（按餐次）" stacked {...charts.days} unit="餐" />
          </Suspense>
          <details>
            <summary>数据表</summary>
            <table className="report-table">
              <thead><tr><th scope="col">日期</th>{MEAL_PERIODS.map((p) => <th scope="col" key={p}>{MEAL_PERIOD_LABELS[p]}</th>)}</tr></thead>
              <tbody>
                {report.byDay.map((day) => (
                  <tr key={day.date}><th scope="row">{day.date}</th>{MEAL_PERIODS.map((p) => <td key={p}>{day.meals[p]}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
        <figure className="report-figure">
          <figcaption>补贴按出资方</figcaption>
          <Suspense fallback={<div className="report-chart">正在加载图表…</div>}>
            <BarChart title="补贴按出资方" horizontal {...charts.funders} unit="元" />
          </Suspense>
          <table className="report-table" data-testid="by-funder">
            <thead><tr><th scope="col">出资方</th><th scope="col">金额</th></tr></thead>
            <tbody>
              {report.subsidyByFunder.map((f) => <tr key={f.funderId}><th scope="row">{f.funderName}{f.claimable ? '' : '（不申报）'}</th><td>{formatYuan(f.amountFen)}</td></tr>)}
              {report.subsidyByFunder.length === 0 && <tr><td colSpan={2}>无补贴</td></tr>}
            </tbody>
          </table>
          <p className="report-sub">按档次</p>
          <Suspense fallback={null}>
            <BarChart title="补贴按档次" horizontal {...charts.tiers} unit="元" />
          </Suspense>
          <table className="report-table" data-testid="by-tier">
            <thead><tr><th scope="col">档次</th><th scope="col">笔数</th><th scope="col">金额</th></tr></thead>
            <tbody>
              {report.subsidyByTier.map((t) => <tr key={t.tier}><th scope="row">{t.tier}</th><td>{t.meals}</td><td>{formatYuan(t.amountFen)}</td></tr>)}
            </tbody>
          </table>
        </figure>
        <figure className="report-figure">
          <figcaption>服务老人年龄分布（人）</figcaption>
          <Suspense fallback={<div className="report-chart">正在加载图表…</div>}>
            <BarChart title="服务老人年龄分布" {...charts.ages} unit="人" />
          </Suspense>
          <table className="report-table" data-testid="by-age">
            <tbody>
              {AGE_BUCKETS.map((b) => <tr key={b}><th scope="row">{b}</th><td>{report.ages[b]}</td></tr>)}
            </tbody>
          </table>
        </figure>
        <figure className="report-figure">
          <figcaption>最忙的半小时（餐数）</figcaption>
          <Suspense fallback={<div className="report-chart">正在加载图表…</div>}>
            <BarChart title="各半小时餐数" {...charts.hours} unit="餐" />
          </Suspense>
          <p className="report-sub" data-testid="busiest">
            {topSlot ? `最忙：${halfHourLabel(topSlot.slot)}，${topSlot.count} 餐` : '无用餐记录'}
          </p>
          <details>
            <summary>数据表</summary>
            <table className="report-table">
              <tbody>
                {charts.hours.busy.map((b) => <tr key={b.slot}><th scope="row">{halfHourLabel(b.slot)}</th><td>{b.count}</td></tr>)}
              </tbody>
            </table>
          </details>
        </figure>
      </div>
    </>
  );
}
