import {memo, useCallback} from 'react';
import {Text} from 'ink';
import {useRunStore} from '../store/react.js';
import type {RunEntry} from '../store/run-store.js';
import {formatCount, MISSING, parseIsoTime} from '../lib/format.js';
import {agoText, durationText} from '../lib/relative-clock.js';
import {entryStatusWord, syncDisplayLabel} from '../lib/run-filter.js';
import {classifyStep, STEP_COUNT} from '../lib/steps.js';
import {
	hasRejections,
	isMovingPhase,
	runPhase,
	spinnerFrame,
	statusColor,
	statusGlyph,
	type RunPhase,
} from '../lib/status.js';
import {padEndToWidth, padStartToWidth, truncateToWidth} from '../lib/text.js';
import {useAnimationFrame} from './animation-clock.js';
import {useClockText} from './wall-clock.js';
import {etaText, selectExpectedEndAt, selectStalled} from '../lib/eta.js';
import {DEFAULT_SCHEDULER_CONFIG} from '../polling/config.js';

// One compact line per run. Every cell is cut and padded to its column's width in terminal cells before
// Ink sees it, so wide labels keep the columns aligned and no line is ever wider than the list. The row
// selects only its own run; the relative times and the spinner are their own small components, so a
// clock tick redraws a few cells' worth of React, not the row.

export type ColumnName = 'status' | 'id' | 'sync' | 'step' | 'records' | 'failed' | 'started' | 'took' | 'left';

export type RowColumns = {
	/** Cells of the status word (the glyph and a space come before it). */
	statusWord: number;
	/** Widths of the columns shown, in display order; absent ones did not fit. */
	widths: Partial<Record<ColumnName, number>>;
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

export const COLUMN_ORDER: readonly ColumnName[] = ['status', 'id', 'sync', 'step', 'records', 'failed', 'started', 'took', 'left'];

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

	widths.sync = Math.max(0, width - used);
	return {statusWord, widths};
}

export const columnTitles: Readonly<Record<ColumnName, string>> = {
	status: 'STATUS',
	id: 'RUN',
	sync: 'SYNC',
	step: 'STEP',
	records: 'DONE/SOURCE',
	failed: 'FAILED',
	started: 'STARTED',
	took: 'TOOK',
	left: 'LEFT',
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

function stepText(step: string | null): string {
	const kind = classifyStep(step);
	if (kind.kind === 'ordered') return `${kind.index}/${STEP_COUNT} ${kind.short}`;
	if (kind.kind === 'none') return '';
	return kind.name;
}

function Spinner({ascii, color}: {ascii: boolean; color: string}) {
	const frame = useAnimationFrame();
	return <Text color={color}>{spinnerFrame(frame, ascii)}</Text>;
}

function Ago({since, width, ascii}: {since: number | null; width: number; ascii: boolean}) {
	const format = useCallback((now: number) => agoText(since, now), [since]);
	return <Text>{cell(useClockText(format), width, {right: true, ascii})}</Text>;
}

function Took({start, end, width, ascii}: {start: number | null; end: number | null; width: number; ascii: boolean}) {
	const format = useCallback((now: number) => durationText(start, end, now), [start, end]);
	return <Text>{cell(useClockText(format), width, {right: true, ascii})}</Text>;
}

/** '~4m left' from the sync's usual duration; empty without history (no ETA is better than a guess). */
function Left({runId, width, ascii}: {runId: number; width: number; ascii: boolean}) {
	const endAt = useRunStore(state => selectExpectedEndAt(state, runId));
	const format = useCallback((now: number) => etaText(endAt, now), [endAt]);
	return <Text dimColor>{cell(useClockText(format), width, {right: true, ascii})}</Text>;
}

const glyphFor = (entry: RunEntry, phase: RunPhase, ascii: boolean): string => {
	if (!entry.run && !entry.notFound) return ascii ? '.' : '…';
	return statusGlyph(phase, ascii);
};

/** When a run's duration stops growing: completed_at, or the last update of a run that no longer moves. */
const endOf = (entry: RunEntry, phase: RunPhase): number | null => {
	if (!entry.run) return null;
	const completed = parseIsoTime(entry.run.completedAt);
	if (completed !== null) return completed;
	if (isMovingPhase(phase)) return null;
	return parseIsoTime(entry.run.updatedAt) ?? parseIsoTime(entry.run.createdAt);
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
		return syncId === undefined ? null : syncDisplayLabel(state.syncs, syncId);
	});
	if (!entry) return null;

	const {run} = entry;
	const phase = runPhase(run, entry.notFound);
	const {widths} = columns;
	const color = statusColor(phase);
	const working = phase === 'working' && animate;
	const rejections = hasRejections(run);

	const syncWidth = widths.sync ?? 0;
	const syncText = run
		? syncCell(label ?? '', run.syncId, syncWidth, ascii)
		: cell(entry.notFound ? 'run not found' : 'waiting for the first answer', syncWidth, {ascii});
	const start = run ? parseIsoTime(run.createdAt) : null;
	const failed = run?.recordsFailed ?? null;

	const marks = (
		<Text>
			<Text bold>{selected ? (ascii ? '>' : '›') : ' '}</Text>
			<Text color="red" bold>
				{entry.unseenFailure ? (ascii ? '*' : '•') : ' '}
			</Text>
		</Text>
	);

	return (
		<Text wrap="truncate" inverse={selected}>
			{marks}
			{working ? <Spinner ascii={ascii} color={color} /> : <Text color={color}>{glyphFor(entry, phase, ascii)}</Text>}
			<Text color={rejections || stalled ? 'yellow' : color}>{' ' + cell(stalled ? 'stalled' : entryStatusWord(entry), columns.statusWord, {ascii})}</Text>
			<Text>{' ' + cell(String(id), widths.id ?? 0, {right: true, ascii})}</Text>
			<Text>{' ' + syncText}</Text>
			{widths.step === undefined ? null : <Text>{' ' + cell(run ? stepText(run.currentStep) : '', widths.step, {ascii})}</Text>}
			{widths.records === undefined ? null : (
				<Text>
					{' ' + cell(run ? `${formatCount(run.recordsProcessed)}/${formatCount(run.sourceRecordCount)}` : '', widths.records, {right: true, ascii})}
				</Text>
			)}
			{widths.failed === undefined ? null : (
				<Text color="red">{' ' + cell(failed !== null && failed > 0 ? `${ascii ? 'x' : '✗'}${formatCount(failed)}` : '', widths.failed, {right: true, ascii})}</Text>
			)}
			{widths.started === undefined ? null : (
				<>
					<Text> </Text>
					<Ago since={start} width={widths.started} ascii={ascii} />
				</>
			)}
			{widths.took === undefined ? null : (
				<>
					<Text> </Text>
					<Took start={start} end={endOf(entry, phase)} width={widths.took} ascii={ascii} />
				</>
			)}
			{widths.left === undefined ? null : (
				<>
					<Text> </Text>
					<Left runId={id} width={widths.left} ascii={ascii} />
				</>
			)}
		</Text>
	);
});
