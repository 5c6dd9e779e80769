import {Box} from 'ink';
import {FixedLine} from '../components/fixed-line.js';
import {cell} from '../view/cell.js';
import {useWallClock} from '../hooks/wall-clock.js';
import {formatRoughDuration} from '../../runs/eta.js';
import {formatAgo, formatClock, formatCount, formatCountFull, formatDuration, MISSING} from '../../text/format.js';
import {barChart} from '../view/history-chart.js';
import {historyPoints, selectHistoryRuns} from '../../store/history-select.js';
import type {Paint, Segment} from '../view/paint.js';
import {statusColor, statusGlyph} from '../../runs/status.js';
import {type HistoryPoint, regressionText, runRegressions, type SyncStats, syncStats} from '../../runs/sync-history.js';
import {useRunStore} from '../../store/react.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';
import {useTimeZone} from '../hooks/time-zone.js';

// A sync's last runs at a glance: a strip of outcomes and three bar charts (duration, records processed,
// records failed) with one column per run, oldest on the left, all aligned under one cursor; the run under
// the cursor in words; the sync's figures below. The keys move the cursor in the UI store
// (keys/history-keys.ts); this only draws it. Colour only repeats what the glyphs and words say.

export type SyncHistoryProps = {
	syncId: number;
	/** The run under the cursor (the UI store's; it starts on the run the screen opened on). */
	cursor: number;
	width: number;
	height: number;
	ascii: boolean;
};

/** The y axis's labels and its line. */
const AXIS_LABEL = 7;
const AXIS = AXIS_LABEL + 1;
const MAX_COLUMN_WIDTH = 3;
const MAX_CHART_ROWS = 12;
/** Title, strip, the cursor's run and two lines of figures. */
const FIXED_LINES = 5;

export type ChartKind = 'duration' | 'processed' | 'failed';
const CHARTS: ReadonlyArray<{kind: ChartKind; title: string}> = [
	{kind: 'duration', title: 'Duration per run'},
	{kind: 'processed', title: 'Records processed per run'},
	{kind: 'failed', title: 'Failed records per run'},
];

export type HistoryLayout = {
	/** Runs drawn (the newest that fit), and cells per run. */
	shown: number;
	columnWidth: number;
	charts: number;
	chartRows: number;
	/** The regression line under the cursor's run. */
	regressionLine: boolean;
};

/** What fits: every run at one cell or more, then as many charts as keep two rows each, as tall as the room allows. */
export function historyLayout(width: number, height: number, runs: number): HistoryLayout {
	const room = Math.max(0, width - AXIS);
	const shown = Math.min(runs, room);
	const columnWidth = shown === 0 ? 1 : Math.max(1, Math.min(MAX_COLUMN_WIDTH, Math.floor(room / shown)));
	const rest = Math.max(0, height - FIXED_LINES);
	// Each chart: a title, its rows and its x axis.
	const charts = Math.min(CHARTS.length, Math.floor(rest / 4));
	const chartRows = charts === 0 ? 0 : Math.min(MAX_CHART_ROWS, Math.floor(rest / charts) - 2);
	const regressionLine = rest - charts * (chartRows + 2) >= 1;
	return {shown, columnWidth, charts, chartRows, regressionLine};
}

const valueOf = (point: HistoryPoint, kind: ChartKind): number | null =>
	kind === 'duration' ? point.durationMs : kind === 'processed' ? point.processed : point.failed;

const axisText = (kind: ChartKind, value: number): string => (kind === 'duration' ? formatRoughDuration(value) : formatCount(value));

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function streakText(stats: SyncStats, now: number, timeZone: string | undefined): string {
	const {streak} = stats;
	if (streak === null) return 'no completed or failed run yet';
	const word = streak.outcome === 'failed' ? (streak.count === 1 ? 'failure' : 'failures') : streak.count === 1 ? 'success' : 'successes';
	const since = streak.since === null ? '' : ` since ${formatClock(streak.since, now, {timeZone})}`;
	return streak.count === 1 ? `last decided run: 1 ${word}${since}` : `${streak.count} ${word} in a row${since}`;
}

/** The sync's figures, most telling first, on two lines. */
function figureLines(stats: SyncStats, now: number, timeZone: string | undefined, separator: string): [string, string] {
	const failures = stats.failureRate === null ? MISSING : `${percent(stats.failureRate)} failed (${Math.round(stats.failureRate * stats.decided)} of ${stats.decided})`;
	const first = [`median ${formatDuration(stats.medianMs)}`, `p90 ${formatDuration(stats.p90Ms)}`, failures].join(separator);
	const success = stats.lastSuccess;
	const last =
		success === null
			? `no success in the last ${stats.runs === 1 ? 'run' : `${stats.runs} runs`}`
			: `last success: run ${success.id}${success.at === null ? '' : `, ${formatAgo(now - success.at)}`}`;
	return [first, [streakText(stats, now, timeZone), last].join(separator)];
}

export function SyncHistory({syncId, cursor, width, height, ascii}: SyncHistoryProps) {
	const runs = useRunStore(state => selectHistoryRuns(state, syncId));
	const fetched = useRunStore(state => state.syncHistory[syncId] !== undefined);
	const label = useRunStore(state => syncDisplayLabel(state.syncs, syncId));
	const now = useWallClock().now();
	const timeZone = useTimeZone();
	const separator = ascii ? ' - ' : ' · ';
	const line = (segments: Segment[], key: string) => <FixedLine key={key} segments={segments} width={width} />;
	const title = `History of ${label} #${syncId}`;
	if (runs.length === 0) {
		return (
			<Box flexDirection="column" width={width} height={height} overflow="hidden">
				{line([[cell(title, width, {ascii}), {bold: true}]], 'title')}
				{line([[cell(fetched ? 'No runs of this sync yet.' : 'Fetching the sync\'s last runs…', width, {ascii}), {dim: true}]], 'wait')}
			</Box>
		);
	}

	const layout = historyLayout(width, height, runs.length);
	const allPoints = historyPoints(runs, now);
	// Oldest on the left, like a time axis.
	const points = allPoints.slice(0, layout.shown).reverse();
	// A run older than the history shown (or not in it yet) leaves the cursor on the newest, as the keys do.
	const found = points.findIndex(point => point.id === cursor);
	const cursorIndex = found === -1 ? points.length - 1 : found;
	const selected = points[cursorIndex] ?? points.at(-1)!;
	const columnWidth = layout.columnWidth;
	const pad = (text: string) => ' '.repeat(columnWidth - 1) + text;

	// Until its page arrives the history is the sync's runs on the watch list: say that more is coming.
	const extent = fetched ? `last ${runs.length === 1 ? '1 run' : `${runs.length} runs`}` : `${runs.length === 1 ? '1 run' : `${runs.length} runs`} so far, fetching more…`;
	const lines = [line([[cell(`${title}${separator}${extent}, oldest left${separator}newest right`, width, {ascii}), {bold: true}]], 'title')];
	const strip: Segment[] = [[cell('runs', AXIS_LABEL, {right: true, ascii}) + ' ']];
	for (const [index, point] of points.entries()) {
		const paint: Paint = {color: statusColor(point.phase), inverse: index === cursorIndex, bold: index === cursorIndex};
		strip.push([pad(statusGlyph(point.phase, ascii)), paint]);
	}

	lines.push(line(strip, 'strip'));
	lines.push(line([[cell(cursorText(selected, now, timeZone, separator, ascii), width, {ascii}), {bold: true}]], 'cursor'));
	const regressions = runRegressions(allPoints, selected.id);
	if (layout.regressionLine) {
		const text = regressions.length === 0 ? '' : `${ascii ? '!' : '⚠'} ${regressionText(regressions, ascii)}`;
		lines.push(line([[cell(text, width, {ascii}), {color: 'yellow'}]], 'regression'));
	}

	for (const {kind, title: chartTitle} of CHARTS.slice(0, layout.charts)) {
		const values = points.map(point => valueOf(point, kind));
		const max = Math.max(0, ...values.filter((value): value is number => value !== null));
		const rows = barChart(values, {rows: layout.chartRows, columnWidth, ascii});
		lines.push(line([[cell(chartTitle, width, {ascii}), {bold: true}]], `${kind}-title`));
		for (const [row, bars] of rows.entries()) {
			const axis = row === rows.length - 1 ? '0' : row === 0 && max > 0 ? axisText(kind, max) : '';
			lines.push(line([[cell(axis, AXIS_LABEL, {right: true, ascii}) + (ascii ? '|' : '│'), {dim: true}], [bars, {color: kind === 'failed' ? 'red' : undefined}]], `${kind}-${row}`));
		}

		const floor = points.map((_point, index) => (index === cursorIndex ? pad(ascii ? '^' : '┴') : (ascii ? '-' : '─').repeat(columnWidth))).join('');
		lines.push(line([[' '.repeat(AXIS_LABEL) + (ascii ? '+' : '└') + floor, {dim: true}]], `${kind}-axis`));
	}

	const [first, second] = figureLines(syncStats(allPoints), now, timeZone, separator);
	lines.push(line([[cell(first, width, {ascii})]], 'figures-1'), line([[cell(second, width, {ascii})]], 'figures-2'));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{lines.slice(0, height)}
		</Box>
	);
}

/** The run under the cursor in words: id, outcome, duration, records, start. */
function cursorText(point: HistoryPoint, now: number, timeZone: string | undefined, separator: string, ascii: boolean): string {
	const records = point.processed === null ? null : `${formatCountFull(point.processed)}/${formatCountFull(point.toSend)} processed`;
	const failed = point.failed !== null && point.failed > 0 ? `${formatCountFull(point.failed)} failed` : null;
	const started = point.startedAt === null ? null : `started ${formatClock(point.startedAt, now, {timeZone})}`;
	const parts = [`run ${point.id}`, point.phase, formatDuration(point.durationMs), records, failed, started].filter(part => part !== null);
	return `${ascii ? '>' : '›'} ${parts.join(separator)}`;
}
