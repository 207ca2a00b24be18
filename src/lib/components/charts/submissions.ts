// The cumulative-submissions line as a Chart.js configuration. The x axis counts days from the first
// point (a linear scale: no date adapter to install), so the close date can be drawn as a second,
// two-point dataset — a vertical line — without the annotation plugin.
import type { ChartConfiguration } from 'chart.js';
import { dayToIso, isoToDay, type Series } from '$lib/domain/monitoring';

const LINE = '#0b57d0';
const CLOSE = '#9b1c1c';

export interface SubmissionsChartTexts {
	cumulative: string;
	close: string;
	/** Formats a count the local way (thousands separators). */
	formatCount: (n: number) => string;
}

/** "2026-12-05" → "05/12". */
function dayMonth(iso: string): string {
	return `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
}

/** A fresh configuration each call: Chart.js mutates what it is given. */
export function submissionsChartConfig(
	series: Series,
	texts: SubmissionsChartTexts
): ChartConfiguration<'line', { x: number; y: number }[]> {
	const start = series.points.length ? isoToDay(series.points[0].day)! : 0;
	const line = series.points.map((p, i) => ({ x: i, y: p.cumulative }));
	const last = series.points.at(-1)?.cumulative ?? 0;
	const top = Math.max(1, Math.ceil(last * 1.1));
	const close = series.closeOffset !== null && series.closeOffset >= 0 ? series.closeOffset : null;
	const xMax = Math.max(line.length - 1, close ?? 0, 1);
	const datasets: ChartConfiguration<'line', { x: number; y: number }[]>['data']['datasets'] = [
		{
			label: texts.cumulative,
			data: line,
			borderColor: LINE,
			backgroundColor: 'rgba(11, 87, 208, 0.12)',
			fill: true,
			pointRadius: line.length > 60 ? 0 : 2,
			tension: 0
		}
	];
	if (close !== null) {
		datasets.push({
			label: series.closeDay ? `${texts.close} (${dayMonth(series.closeDay)})` : texts.close,
			data: [
				{ x: close, y: 0 },
				{ x: close, y: top }
			],
			borderColor: CLOSE,
			borderDash: [6, 4],
			pointRadius: 0,
			fill: false
		});
	}
	return {
		type: 'line',
		data: { datasets },
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false,
			parsing: false,
			interaction: { mode: 'nearest', intersect: false },
			scales: {
				x: {
					type: 'linear',
					min: 0,
					max: xMax,
					ticks: { precision: 0, maxTicksLimit: 8, callback: (value) => dayMonth(dayToIso(start + Number(value))) }
				},
				y: {
					type: 'linear',
					min: 0,
					max: top,
					ticks: { precision: 0, callback: (value) => texts.formatCount(Number(value)) }
				}
			},
			plugins: {
				legend: { position: 'bottom' },
				tooltip: {
					// The close-date line is a marker, not data.
					filter: (item) => item.datasetIndex === 0,
					callbacks: {
						title: (items) => (items.length ? dayMonth(dayToIso(start + Number(items[0].parsed.x))) : ''),
						label: (item) => `${item.dataset.label}: ${texts.formatCount(Number(item.parsed.y))}`
					}
				}
			}
		}
	};
}
