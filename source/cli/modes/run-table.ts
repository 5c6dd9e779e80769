import type {SyncRun} from '../../census/types.js';
import {formatClock, formatCount, formatDuration, MISSING, parseIsoTime} from '../../text/format.js';
import {sanitizeText} from '../../text/sanitize.js';
import {runDurationMs, runProgress, runStepPlace} from '../../runs/run-figures.js';
import {runPhase, statusWord} from '../../runs/status.js';
import {STEP_COUNT} from '../../runs/steps.js';
import {columnTitles} from '../../tui/view/row-columns.js';
import {displayWidth, padEndToWidth, padStartToWidth, truncateToWidth} from '../../text/text.js';
import {zoneLabel} from '../../text/time-zone.js';

// The `--once` table: one row per run, columns as wide as their widest cell (each capped), separated by
// two spaces, no colour and no box drawing, so that it reads the same in a terminal, a pipe and a log.
// Every API string is sanitised and cut before it is measured.

export type TableRun = {
	id: number;
	run: SyncRun | null;
	notFound: boolean;
	/** The sync's label as the API gave it, when known. */
	syncLabel: string | null;
};

type Column = {title: string; align: 'left' | 'right'; cell: (row: TableRun, now: number, timeZone: string | undefined) => string};

const MAX_SYNC_WIDTH = 40;
const MAX_STEP_WIDTH = 20;
const MAX_ERROR_WIDTH = 32;

const clean = (text: string | null, width: number): string => truncateToWidth(sanitizeText(text).trim(), width);

function syncCell({run, syncLabel}: TableRun): string {
	if (run === null) return MISSING;
	const label = clean(syncLabel, MAX_SYNC_WIDTH);
	return label === '' ? `sync #${run.syncId}` : `${label} #${run.syncId}`;
}

/** Where the run is, or where it ended ('done' once completed; never the generic step of an ended run). */
function stepCell(run: SyncRun | null): string {
	if (run === null) return MISSING;
	const place = runStepPlace(run, runPhase(run));
	switch (place.kind) {
		case 'done': {
			return `${STEP_COUNT}/${STEP_COUNT} done`;
		}

		case 'ordered': {
			return `${place.step.index}/${STEP_COUNT} ${place.step.short}`;
		}

		case 'generic': {
			return place.short;
		}

		case 'unknown': {
			return truncateToWidth(place.name, MAX_STEP_WIDTH);
		}

		case 'none': {
			return MISSING;
		}
	}
}

/** Records sent (processed) of the records to send (source updates + deletes). */
function recordsCell(run: SyncRun | null): string {
	if (run === null) return MISSING;
	const {processed, toSend} = runProgress(run, runPhase(run));
	if (processed === null && toSend === null) return MISSING;
	return `${formatCount(processed)}/${formatCount(toSend)}`;
}

function durationCell(run: SyncRun | null, now: number): string {
	if (run === null) return MISSING;
	const duration = runDurationMs(run, runPhase(run), now);
	return duration === null ? MISSING : formatDuration(duration);
}

/** A start time with its zone ('14:03:22 UTC+1'): a printed table cannot say "ago" for long. */
function startedCell(run: SyncRun | null, now: number, timeZone: string | undefined): string {
	const start = parseIsoTime(run?.createdAt ?? null);
	const text = formatClock(start, now, {timeZone});
	return start === null || timeZone === undefined ? text : `${text} ${zoneLabel(timeZone, start)}`;
}

// The TUI's columns, titles and order (columnTitles), and the error code after them: a table has no inspector.
const COLUMNS: readonly Column[] = [
	{title: columnTitles.status, align: 'left', cell: ({run, notFound}) => statusWord(run, notFound)},
	{title: columnTitles.id, align: 'right', cell: ({id}) => String(id)},
	{title: columnTitles.sync, align: 'left', cell: syncCell},
	{title: columnTitles.step, align: 'left', cell: ({run}) => stepCell(run)},
	{title: columnTitles.records, align: 'right', cell: ({run}) => recordsCell(run)},
	{title: columnTitles.failed, align: 'right', cell: ({run}) => formatCount(run?.recordsFailed ?? null)},
	{title: columnTitles.started, align: 'left', cell: ({run}, now, timeZone) => startedCell(run, now, timeZone)},
	{title: columnTitles.took, align: 'right', cell: ({run}, now) => durationCell(run, now)},
	{title: 'ERROR', align: 'left', cell: ({run}) => clean(run?.errorCode ?? null, MAX_ERROR_WIDTH) || MISSING},
];

/**
 * The table's lines, header first. Start times are in `timeZone` (an IANA name), each with its offset
 * ('UTC+1'); without one, in the machine's zone without a label.
 */
export function formatRunTable(rows: readonly TableRun[], now: number, timeZone?: string): string[] {
	const cells = rows.map(row => COLUMNS.map(column => column.cell(row, now, timeZone)));
	// The error column is only worth its width when some run has an error code.
	const shown = COLUMNS.map((column, index) => column.title !== 'ERROR' || cells.some(row => row[index] !== MISSING));
	const widths = COLUMNS.map((column, index) => Math.max(displayWidth(column.title), ...cells.map(row => displayWidth(row[index] ?? ''))));
	const line = (texts: readonly string[]): string =>
		COLUMNS.flatMap((column, index) => {
			if (shown[index] !== true) return [];
			const text = texts[index] ?? '';
			const width = widths[index] ?? 0;
			return [column.align === 'right' ? padStartToWidth(text, width) : padEndToWidth(text, width)];
		})
			.join('  ')
			.trimEnd();
	return [line(COLUMNS.map(column => column.title)), ...cells.map(row => line(row))];
}
