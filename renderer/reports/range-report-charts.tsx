// The report's four bar charts, drawn on canvas by Chart.js (no style elements, so the strict CSP holds).
// This module is loaded lazily by the panel: Chart.js stays out of the counter's first screen.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export type BarSeries = { label: string; values: number[]; color: string };

export type BarChartProps = { title: string; labels: string[]; series: BarSeries[]; stacked?: boolean; horizontal?: boolean; unit?: string };

export default function BarChart({ title, labels, series, stacked = false, horizontal = false, unit = '' }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, maxBarThickness: 36 })) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: {
          legend: { display: series.length > 1, position: 'bottom' },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}：${item.formattedValue}${unit}` } },
        },
        scales: {
          x: { stacked, ticks: { autoSkip: true, maxRotation: 0 } },
          y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [labels, series, stacked, horizontal, unit]);
  return (
    <div className={horizontal ? 'report-chart report-chart-short' : 'report-chart'}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
