// Only the Chart.js parts the app draws with, so the bundle stays small (no chart.js/auto):
// lines (monitoring), bars and a radar (results).
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Filler,
	Legend,
	LineController,
	LineElement,
	LinearScale,
	PointElement,
	RadarController,
	RadialLinearScale,
	Tooltip
} from 'chart.js';

Chart.register(
	LineController,
	LineElement,
	PointElement,
	LinearScale,
	CategoryScale,
	Filler,
	Legend,
	Tooltip,
	BarController,
	BarElement,
	RadarController,
	RadialLinearScale
);

export { Chart };
