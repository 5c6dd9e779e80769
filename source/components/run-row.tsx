import {memo, useCallback} from 'react';
import {useRunStore} from '../store/react.js';
import type {SyncRun} from '../census/types.js';
import type {RunEntry} from '../store/run-store.js';
import {formatCount, MISSING, parseIsoTime} from '../lib/format.js';
import {lastOrderedStepSeen, runEndAt, runProgress, runStepPlace} from '../lib/run-figures.js';
import {agoText, durationText} from '../lib/relative-clock.js';
import {entryStatusWord, pausedMarked, syncDisplayLabel} from '../lib/run-filter.js';
import {STEP_COUNT} from '../lib/steps.js';
import {
	hasRejections,
	isTerminalPhase,
	runPhase,
	spinnerFrame,
	statusColor,
	statusGlyph,
	type RunPhase,
} from '../lib/status.js';
import {padEndToWidth, padStartToWidth, truncateToWidth} from '../lib/text.js';
import {useAnimationFrameWhile} from './animation-clock.js';
import {FixedLine} from './fixed-line.js';
import type {Segment} from '../lib/paint.js';
import type {ClockText} from '../lib/relative-clock.js';
import {useClockText} from './wall-clock.js';
import {etaText, selectExpectedEndAt, selectStalled} from '../lib/eta.js';
import {DEFAULT_SCHEDULER_CONFIG} from '../polling/config.js';
import {historyPoints, selectHistoryRuns, selectRunRegressions} from '../lib/history-select.js';
import {sparkline} from '../lib/history-chart.js';
import {regressionMarker} from '../lib/sync-history.js';
import {displayWidth} from '../lib/text.js';
import {useWallClock} from './wall-clock.js';

// One compact line per run. Every cell is cut and padded to its column's width in terminal cells before
// Ink sees it, so wide labels keep the columns aligned and no line is ever wider than the list. The row
// selects only its own run and is handed to Ink as one painted line of the list's width (FixedLine): Ink
// lays out and measures a row by its width alone, however often its times tick.

export type ColumnName = 'status' | 'id' | 'sync' | 'step' | 'records' | 'failed' | 'started' | 'took' | 'left' | 'trend';

export type RowColumns = {
	/** Cells of the status word (the glyph and a space come before it). */
	statusWord: number;
	/** Widths of the columns shown, in display order; absent ones did not fit. */
	widths: Partial<Record<ColumnName, number>>;
	/** Cells of the whole row: the list's width. */
	width: number;
};

/** Selection mark and unseen-failure mark. */
const MARKS_WIDTH = 2;
const LABEL_MIN = 10;
const LEFT_LABEL_MIN = 30;
const FIXED: ReadonlyArray<[ColumnName, number]> = [
	['records', 15],
	['step', 14],
	['took', 7],
	['failed', 7],
	['started', 8],
	['left', 11],
];

export const COLUMN_ORDER: readonly ColumnName[] = ['status', 'id', 'sync', 'step', 'records', 'failed', 'started', 'took', 'left', 'trend'];

/** From this width a row ends with a sparkline of its sync's last TREND_RUNS durations. */
export const TREND_FROM = 160;
export const TREND_RUNS = 20;

/** The status column fits 'completed' and 'not found'; wider for a longer unknown status when there is room. */
export const STATUS_WORD_MIN = 9;
const STATUS_WORD_ROOM_FROM = 70;

/**
 * Which columns fit in `width` cells and how wide each is. Status, run id and sync label always stay (the
 * label narrowing down to whatever is left on a tiny terminal); the others join in order of use while the
 * label keeps at least 10 cells, and the label takes what remains. Columns are separated by one space.
 * `longestStatus` is the widest status word in the list (an unknown status is shown verbatim, up to 16).
 */
export function rowColumns(width: number, idWidth: number, longestStatus: number): RowColumns {
	const statusWord = width >= STATUS_WORD_ROOM_FROM ? Math.max(STATUS_WORD_MIN, longestStatus) : STATUS_WORD_MIN;
	const status = 2 + statusWord;
	const widths: Partial<Record<ColumnName, number>> = {status, id: idWidth};
	let used = MARKS_WIDTH + status + 1 + idWidth + 1;
	for (const [name, columnWidth] of FIXED) {
		// Time left is a nicety: it never squeezes the label below what makes a sync recognisable.
		const labelRoom = name === 'left' ? LEFT_LABEL_MIN : LABEL_MIN;
		if (used + columnWidth + 1 + labelRoom <= width) {
			widths[name] = columnWidth;
			used += columnWidth + 1;
		}
	}

	if (width >= TREND_FROM) {
		widths.trend = TREND_RUNS;
		used += TREND_RUNS + 1;
	}

	widths.sync = Math.max(0, width - used);
	return {statusWord, widths, width: Math.max(0, width)};
}

export const columnTitles: Readonly<Record<ColumnName, string>> = {
	status: 'STATUS',
	id: 'RUN',
	sync: 'SYNC',
	step: 'STEP',
	records: 'SENT/TO SEND',
	failed: 'FAILED',
	started: 'STARTED',
	took: 'TOOK',
	left: 'LEFT',
	trend: `LAST ${TREND_RUNS}`,
};

/** Right-aligned columns (numbers and times). */
export const RIGHT_ALIGNED: ReadonlySet<ColumnName> = new Set(['id', 'records', 'failed', 'started', 'took', 'left']);

/** A cell exactly `width` cells wide, cut with an ellipsis ('~' and '-' for a missing value in ASCII mode). */
export function cell(text: string, width: number, options: {right?: boolean; ascii?: boolean} = {}): string {
	const shown = options.ascii ? text.replaceAll(MISSING, '-') : text;
	const cut = truncateToWidth(shown, width, options.ascii ? '~' : '…');
	return options.right ? padStartToWidth(cut, width) : padEndToWidth(cut, width);
}

/** The sync's label cut before its id, so the id stays readable while there is room for a few letters. */
function syncCell(label: string, syncId: number, width: number, ascii: boolean): string {
	const suffix = ` #${syncId}`;
	const room = width - suffix.length;
	if (room < LABEL_MIN / 2) return cell(label + suffix, width, {ascii});
	return padEndToWidth(truncateToWidth(label, room, ascii ? '~' : '…') + suffix, width);
}

/** Where the run is, or where it ended: 'n/7 Short', '7/7 done' for a completed run, '' when unknown. */
export function stepCellText(run: SyncRun, phase: RunPhase, seenIndex: number | null): string {
	const place = runStepPlace(run, phase, seenIndex);
	switch (place.kind) {
		case 'done': {
			return `${STEP_COUNT}/${STEP_COUNT} done`;
		}

		case 'ordered': {
			return `${place.step.index}/${STEP_COUNT} ${place.step.short}`;
		}

		case 'generic':
		case 'unknown': {
			return place.name;
		}

		case 'none': {
			return '';
		}
	}
}

/** Records processed of the records to send (source updates + deletes); an unknown part shows as '—'. */
export function recordsCellText(run: SyncRun, phase: RunPhase): string {
	const progress = runProgress(run, phase);
	return `${formatCount(progress.processed)}/${formatCount(progress.toSend)}`;
}

/** Stands for the space before the left cell, which is dimmed: never inside a cell's text. */
const LEFT_APART = '\t';

const glyphFor = (entry: RunEntry, phase: RunPhase, ascii: boolean): string => {
	if (!entry.run && !entry.notFound) return ascii ? '.' : '…';
	return statusGlyph(phase, ascii);
};

export type RunRowProps = {
	id: number;
	columns: RowColumns;
	selected: boolean;
	ascii: boolean;
	animate: boolean;
	/** The base poll interval: the stall rule never flags a run sooner than a few polls. */
	pollIntervalMs?: number;
	/** Called on every render; tests count renders with it. */
	onRender?: (id: number) => void;
};

export const RunRow = memo(function RunRow({id, columns, selected, ascii, animate, pollIntervalMs = DEFAULT_SCHEDULER_CONFIG.intervalMs, onRender}: RunRowProps) {
	onRender?.(id);
	const stalled = useRunStore(state => selectStalled(state, id, pollIntervalMs));
	const entry = useRunStore(state => state.runs[id]);
	const label = useRunStore(state => {
		const syncId = state.runs[id]?.run?.syncId;
		return syncId === undefined ? null : pausedMarked(syncDisplayLabel(state.syncs, syncId), state.syncs[syncId]?.paused === true);
	});
	const seenIndex = useRunStore(state => lastOrderedStepSeen(state.observations[id]?.steps));
	const endAt = useRunStore(state => selectExpectedEndAt(state, id));
	// Read at render: a working run turns slow when its row next re-renders (its times tick it anyway).
	const clock = useWallClock();
	const marker = useRunStore(state => regressionMarker(selectRunRegressions(state, id, clock.now()), ascii));
	const trend = useRunStore(state => (columns.widths.trend === undefined ? '' : syncTrend(state, id, clock.now(), ascii)));
	const run = entry?.run ?? null;
	const phase = runPhase(run, entry?.notFound ?? false);
	const frame = useAnimationFrameWhile(phase === 'working' && animate);
	const start = run ? parseIsoTime(run.createdAt) : null;
	const end = run ? runEndAt(run, phase) : null;
	const {widths} = columns;
	// The relative times are one clock text: the row is redrawn once when any of them changes.
	const format = useCallback(
		(now: number) => timeCells(widths, start, end, endAt, now, ascii),
		[widths, start, end, endAt, ascii],
	);
	const times = useClockText(format);
	if (!entry) return null;

	const color = statusColor(phase);
	const glyph = phase === 'working' && animate ? spinnerFrame(frame, ascii) : glyphFor(entry, phase, ascii);
	// The regression marker takes the front of the sync cell: the one column that stretches.
	const markerText = marker === '' ? '' : cell(marker, Math.min(displayWidth(marker) + 1, widths.sync ?? 0), {ascii});
	const syncWidth = (widths.sync ?? 0) - displayWidth(markerText);
	const syncText = run
		? syncCell(label ?? '', run.syncId, syncWidth, ascii)
		: cell(entry.notFound ? 'run not found' : 'waiting for the first answer', syncWidth, {ascii});
	const failed = run?.recordsFailed ?? null;
	const inverse = selected;

	const segments: Segment[] = [
		[selected ? (ascii ? '>' : '›') : ' ', {bold: true, inverse}],
		[entry.unseenFailure ? (ascii ? '*' : '•') : ' ', {color: 'red', bold: true, inverse}],
		[glyph, {color, inverse}],
		[' ' + cell(stalled ? 'stalled' : entryStatusWord(entry), columns.statusWord, {ascii}), {color: hasRejections(run) || stalled ? 'yellow' : color, inverse}],
		[' ' + cell(String(id), widths.id ?? 0, {right: true, ascii}) + ' ', {inverse}],
		[markerText, {color: 'yellow', inverse}],
		[syncText, {inverse}],
	];
	if (widths.step !== undefined) segments.push([' ' + cell(run ? stepCellText(run, phase, seenIndex) : '', widths.step, {ascii}), {inverse}]);
	if (widths.records !== undefined) {
		const records = run ? recordsCellText(run, phase) : '';
		segments.push([' ' + cell(records, widths.records, {right: true, ascii}), {inverse}]);
	}

	if (widths.failed !== undefined) {
		const failedText = failed !== null && failed > 0 ? `${ascii ? 'x' : '✗'}${formatCount(failed)}` : '';
		segments.push([' ' + cell(failedText, widths.failed, {right: true, ascii}), {color: 'red', inverse}]);
	}

	const apart = times.indexOf(LEFT_APART);
	if (apart === -1) segments.push([times, {inverse}]);
	else segments.push([times.slice(0, apart) + ' ', {inverse}], [times.slice(apart + 1), {dim: true, inverse}]);
	if (widths.trend !== undefined) segments.push([' ' + cell(trend, widths.trend, {right: true, ascii}), {color: 'cyan', inverse}]);
	return <FixedLine segments={segments} width={columns.width} />;
});

/**
 * The started, took and left cells (those that fit) as one text, and when the first of them next changes.
 * The left cell is kept apart by a tab (never in a cell) so that it can be dimmed.
 */
function timeCells(
	widths: RowColumns['widths'],
	start: number | null,
	end: number | null,
	endAt: number | null,
	now: number,
	ascii: boolean,
): ClockText {
	let text = '';
	let changesAt: number | null = null;
	const add = (clock: ClockText, width: number | undefined, separator = ' ') => {
		if (width === undefined) return;
		text += separator + cell(clock.text, width, {right: true, ascii});
		if (clock.changesAt !== null && (changesAt === null || clock.changesAt < changesAt)) changesAt = clock.changesAt;
	};

	add(agoText(start, now), widths.started);
	add(durationText(start, end, now), widths.took);
	add(etaText(endAt, now), widths.left, LEFT_APART);
	return {text, changesAt};
}

/** The durations of the last TREND_RUNS ended runs of the run's sync, oldest left, as a sparkline. */
function syncTrend(state: Parameters<typeof selectHistoryRuns>[0], runId: number, now: number, ascii: boolean): string {
	const syncId = state.runs[runId]?.run?.syncId;
	if (syncId === undefined) return '';
	const ended = historyPoints(selectHistoryRuns(state, syncId), now).filter(point => isTerminalPhase(point.phase));
	return sparkline(
		ended
			.slice(0, TREND_RUNS)
			.reverse()
			.map(point => point.durationMs),
		ascii,
	);
}
