import type {RunStoreState} from '../../store/run-store.js';
import {selectExpectedEndAt} from '../../runs/eta.js';
import {isMovingPhase, runPhase} from '../../runs/status.js';
import {displayWidth} from '../../text/text.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';

// Which columns the run list shows and how wide each is, from the width and from what the runs hold. The
// sync label is what tells runs apart, so it grows with the terminal; a column that says nothing new for
// these runs gives way first: STARTED says what TOOK says while every run is still going, LEFT is empty
// without a run history, FAILED is empty while nothing was rejected.

export type ColumnName = 'status' | 'id' | 'sync' | 'step' | 'records' | 'failed' | 'started' | 'took' | 'left' | 'trend';

export type RowColumns = {
	/** Cells of the status word (the glyph and a space come before it). */
	statusWord: number;
	/** Widths of the columns shown, in display order; absent ones did not fit. */
	widths: Partial<Record<ColumnName, number>>;
	/** Cells of the whole row: the list's width. */
	width: number;
};

/** What the runs on the list hold that decides which columns earn their room. */
export type ColumnData = {
	/** Cells of the widest sync cell: label, a space and `#id`. */
	longestSync: number;
	/** Some run has ended, so its STARTED and TOOK differ. */
	anyEnded: boolean;
	/** Some run has rejected records. */
	anyFailed: boolean;
	/** Some run has an expected end (time left). */
	anyLeft: boolean;
};

/** Without data every column counts, as long as a label of a usual length fits. */
const ANY_DATA: ColumnData = {longestSync: 30, anyEnded: true, anyFailed: true, anyLeft: true};

export const COLUMN_ORDER: readonly ColumnName[] = ['status', 'id', 'sync', 'step', 'records', 'failed', 'started', 'took', 'left', 'trend'];

/** From this width a row ends with a sparkline of its sync's last TREND_RUNS durations. */
export const TREND_FROM = 160;
export const TREND_RUNS = 20;

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

/** Selection mark and unseen-failure mark. */
const MARKS_WIDTH = 2;
/** The label never gives up more than this to a column: fewer cells do not tell syncs apart. */
export const SYNC_MIN = 24;
const WIDTHS: Readonly<Partial<Record<ColumnName, number>>> = {step: 14, records: 15, failed: 7, started: 8, took: 7, left: 11};

/** The status column fits 'completed' and 'not found'; wider for a longer unknown status when there is room. */
export const STATUS_WORD_MIN = 9;
const STATUS_WORD_ROOM_FROM = 70;

/**
 * Which columns fit in `width` cells and how wide each is. Status, run id and sync label always stay (the
 * label narrowing to what is left on a tiny terminal). The columns that say something about these runs
 * (step, records, failed, took) join while the label keeps SYNC_MIN cells; the redundant or empty ones
 * (started, left, an empty failed) only while the widest label still fits whole. The label takes the rest.
 * Columns are separated by one space. `longestStatus` is the widest status word in the list.
 */
export function rowColumns(width: number, idWidth: number, longestStatus: number, data: ColumnData = ANY_DATA): RowColumns {
	const statusWord = width >= STATUS_WORD_ROOM_FROM ? Math.max(STATUS_WORD_MIN, longestStatus) : STATUS_WORD_MIN;
	const status = 2 + statusWord;
	const widths: Partial<Record<ColumnName, number>> = {status, id: idWidth};
	let used = MARKS_WIDTH + status + 1 + idWidth + 1;
	const join = (names: readonly ColumnName[], labelRoom: number) => {
		for (const name of names) {
			const columnWidth = WIDTHS[name] ?? 0;
			if (used + columnWidth + 1 + labelRoom <= width) {
				widths[name] = columnWidth;
				used += columnWidth + 1;
			}
		}
	};

	const telling: ColumnName[] = data.anyFailed ? ['step', 'records', 'failed', 'took'] : ['step', 'records', 'took'];
	join(telling, SYNC_MIN);
	// A sync's recent durations tell whether this run is usual: worth its room on a wide terminal only.
	if (width >= TREND_FROM && used + TREND_RUNS + 1 + SYNC_MIN <= width) {
		widths.trend = TREND_RUNS;
		used += TREND_RUNS + 1;
	}

	const spare: ColumnName[] = [...(data.anyEnded ? ['started' as const] : []), ...(data.anyLeft ? ['left' as const] : []), ...(data.anyFailed ? [] : ['failed' as const])];
	join(spare, Math.max(SYNC_MIN, data.longestSync));
	widths.sync = Math.max(0, width - used);
	return {statusWord, widths, width: Math.max(0, width)};
}

/** What the sync cell says of a run without an answer yet, and of a run the API does not know. */
export const WAITING_TEXT = 'waiting for the first answer';
export const NOT_FOUND_TEXT = 'run not found';

/** The sync cell's text: the label, a space and `#id` (the id stays whole when the label is cut). */
export const syncIdSuffix = (syncId: number): string => ` #${syncId}`;

// Label widths by sync, per syncs object: the syncs change far less often than the runs.
const labelWidths = new WeakMap<object, Map<number, number>>();

function syncCellWidth(syncs: RunStoreState['syncs'], syncId: number): number {
	let widths = labelWidths.get(syncs);
	if (widths === undefined) {
		widths = new Map();
		labelWidths.set(syncs, widths);
	}

	let width = widths.get(syncId);
	if (width === undefined) {
		width = displayWidth(syncDisplayLabel(syncs, syncId) + syncIdSuffix(syncId));
		widths.set(syncId, width);
	}

	return width;
}

/** Store selector: the column data of these runs (the ids the list shows). */
export function selectColumnData(state: Pick<RunStoreState, 'runs' | 'syncs' | 'syncHistory'>, ids: readonly number[]): ColumnData {
	let longestSync = 0;
	let anyEnded = false;
	let anyFailed = false;
	let anyLeft = false;
	for (const id of ids) {
		const entry = state.runs[id];
		if (!entry) continue;
		const {run} = entry;
		if (run === null) {
			// A run still waiting or not found says so in the sync cell.
			longestSync = Math.max(longestSync, displayWidth(entry.notFound ? NOT_FOUND_TEXT : WAITING_TEXT));
			continue;
		}

		longestSync = Math.max(longestSync, syncCellWidth(state.syncs, run.syncId));
		const phase = runPhase(run, entry.notFound);
		if (!isMovingPhase(phase)) anyEnded = true;
		else if (!anyLeft && selectExpectedEndAt(state, id) !== null) anyLeft = true;
		if ((run.recordsFailed ?? 0) > 0) anyFailed = true;
	}

	return {longestSync, anyEnded, anyFailed, anyLeft};
}
