import {memo, useCallback} from 'react';
import {useRunStore} from '../../store/react.js';
import type {SyncRun} from '../../census/types.js';
import type {RunEntry} from '../../runs/model.js';
import {formatCount, parseIsoTime} from '../../text/format.js';
import {lastOrderedStepSeen, runEndAt, runProgress, runStepPlace} from '../../runs/run-figures.js';
import {agoText, durationText} from '../../text/relative-clock.js';
import {entryStatusWord, pausedMarked} from '../../runs/run-filter.js';
import {STEP_COUNT} from '../../runs/steps.js';
import {
	hasRejections,
	isTerminalPhase,
	runPhase,
	spinnerFrame,
	statusColor,
	statusGlyph,
	type RunPhase,
} from '../../runs/status.js';
import {padEndToWidth} from '../../text/text.js';
import {NOT_FOUND_TEXT, syncIdSuffix, TREND_RUNS, WAITING_TEXT, type RowColumns} from '../view/row-columns.js';
import {cutSyncLabel} from '../../text/sync-label-cut.js';
import {useAnimationFrameWhile} from '../hooks/animation-clock.js';
import {FixedLine} from './fixed-line.js';
import {cell} from '../view/cell.js';
import type {Segment} from '../view/paint.js';
import type {ClockText} from '../../text/relative-clock.js';
import {useClockText} from '../hooks/wall-clock.js';
import {etaText, selectExpectedEndAt, selectStalled} from '../../runs/eta.js';
import {historyPoints, selectHistoryRuns, selectRunRegressions} from '../../store/history-select.js';
import {sparkline} from '../view/history-chart.js';
import {regressionMarker, type HistoryRun} from '../../runs/sync-history.js';
import {displayWidth} from '../../text/text.js';
import {useWallClock} from '../hooks/wall-clock.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';

// One compact line per run. Every cell is cut and padded to its column's width in terminal cells before
// Ink sees it, so wide labels keep the columns aligned and no line is ever wider than the list. The row
// selects only its own run and is handed to Ink as one painted line of the list's width (FixedLine): Ink
// lays out and measures a row by its width alone, however often its times tick.


/** Fewer cells than this for the label: the label and id are cut as one text. */
const LABEL_ROOM_MIN = 5;

/** The sync's label cut before its id, so the id stays readable while there is room for a few letters. */
function syncCell(label: string, syncId: number, width: number, ascii: boolean): string {
	const suffix = syncIdSuffix(syncId);
	const room = width - suffix.length;
	if (room < LABEL_ROOM_MIN) return cell(label + suffix, width, {ascii});
	return padEndToWidth(cutSyncLabel(label, room, ascii ? '~' : '…') + suffix, width);
}

/** Where the run is, or where it ended: 'n/7 Short', '7/7 done' for a completed run, '' when unknown. */
function stepCellText(run: SyncRun, phase: RunPhase, seenIndex: number | null): string {
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
function recordsCellText(run: SyncRun, phase: RunPhase): string {
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
	/** The base poll interval (AppOptions.pollIntervalMs): the stall rule never flags a run sooner than a few polls. */
	pollIntervalMs: number;
	/** Called on every render; tests count renders with it. */
	onRender?: (id: number) => void;
};

export const RunRow = memo(function RunRow({id, columns, selected, ascii, animate, pollIntervalMs, onRender}: RunRowProps) {
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
		: cell(entry.notFound ? NOT_FOUND_TEXT : WAITING_TEXT, syncWidth, {ascii});
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

/** Sparklines by history: they show ended runs only, so one holds until its history changes. */
const trends = new WeakMap<readonly HistoryRun[], {ascii: boolean; text: string}>();

/**
 * The durations of the last TREND_RUNS ended runs of the run's sync, oldest left, as a sparkline; drawn
 * once per history and shared by the rows of the sync, not on every render of each.
 */
function syncTrend(state: Parameters<typeof selectHistoryRuns>[0], runId: number, now: number, ascii: boolean): string {
	const syncId = state.runs[runId]?.run?.syncId;
	if (syncId === undefined) return '';
	const runs = selectHistoryRuns(state, syncId);
	const cached = trends.get(runs);
	if (cached?.ascii === ascii) return cached.text;
	const ended = historyPoints(runs, now).filter(point => isTerminalPhase(point.phase));
	const text = sparkline(
		ended
			.slice(0, TREND_RUNS)
			.reverse()
			.map(point => point.durationMs),
		ascii,
	);
	trends.set(runs, {ascii, text});
	return text;
}
