import type {SyncRun} from '../census/types.js';
import {formatCountFull, formatDuration, parseIsoTime} from '../text/format.js';
import {runDurationMs, runProgress} from './run-figures.js';
import {isMovingPhase, runPhase, type RunPhase} from './status.js';

// What a sync's recent runs say about it, and whether one run stands out from them. Pure: the history
// is the sync's runs as the API listed them, newest first; `now` is only for a run that still works.
// A run is judged against the runs before it, never against itself or later ones, and with fewer than
// MIN_PAST ended runs before it nothing is judged: a short history has no "usual".

/** The fields of a run a history keeps (no `raw`: a history holds up to 50 runs per sync). */
export type HistoryRun = Pick<
	SyncRun,
	| 'id'
	| 'syncId'
	| 'status'
	| 'canceled'
	| 'currentStep'
	| 'createdAt'
	| 'updatedAt'
	| 'completedAt'
	| 'sourceRecordUpdates'
	| 'sourceRecordDeletes'
	| 'recordsProcessed'
	| 'recordsUpdated'
	| 'recordsFailed'
	| 'errorCode'
>;

/** Runs a sync's history keeps, newest first. */
export const HISTORY_RUNS = 50;
/** Ended runs before a run that a verdict on it needs. */
const MIN_PAST = 5;
/** Of those, the completed ones a duration or record count is compared with (failed runs end early). */
const MIN_COMPLETED = 3;
/** Runs before a run that a verdict compares it with. */
const COMPARE_RUNS = 20;
/** A run is far off when beyond the past's p90 (p10) and this many times (this share of) the median. */
const FAR_FACTOR = 2;
/** A run failed "where the sync usually succeeds" when at most this share of the past runs failed. */
const USUAL_FAILURE_SHARE = 0.2;

export function historyRun(run: SyncRun): HistoryRun {
	return {
		id: run.id,
		syncId: run.syncId,
		status: run.status,
		canceled: run.canceled,
		currentStep: run.currentStep,
		createdAt: run.createdAt,
		updatedAt: run.updatedAt,
		completedAt: run.completedAt,
		sourceRecordUpdates: run.sourceRecordUpdates,
		sourceRecordDeletes: run.sourceRecordDeletes,
		recordsProcessed: run.recordsProcessed,
		recordsUpdated: run.recordsUpdated,
		recordsFailed: run.recordsFailed,
		errorCode: run.errorCode,
	};
}

/**
 * A history with `fresh` taken in: a run already there is replaced, a newer one joins; newest first, at
 * most `keep`. Runs of other syncs are ignored. The same array comes back when nothing changed.
 */
export function mergeHistory(history: readonly HistoryRun[], fresh: readonly HistoryRun[], syncId: number, keep = HISTORY_RUNS): readonly HistoryRun[] {
	const byId = new Map(history.map(run => [run.id, run]));
	let changed = false;
	for (const run of fresh) {
		if (run.syncId !== syncId) continue;
		const old = byId.get(run.id);
		if (old !== undefined && sameRun(old, run)) continue;
		byId.set(run.id, run);
		changed = true;
	}

	if (!changed) return history;
	return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, keep);
}

const sameRun = (a: HistoryRun, b: HistoryRun): boolean =>
	(Object.keys(a) as Array<keyof HistoryRun>).every(key => a[key] === b[key]);

export type HistoryPoint = {
	id: number;
	phase: RunPhase;
	/** Epoch ms of created_at; null when unreadable. */
	startedAt: number | null;
	/** Up to its end, or to `now` while it moves. */
	durationMs: number | null;
	processed: number | null;
	failed: number | null;
	toSend: number | null;
};

export function historyPoint(run: HistoryRun, now: number): HistoryPoint {
	const phase = runPhase(run);
	const progress = runProgress(run, phase);
	return {
		id: run.id,
		phase,
		startedAt: parseIsoTime(run.createdAt),
		durationMs: runDurationMs(run, phase, now),
		processed: progress.processed,
		failed: progress.failed,
		toSend: progress.toSend,
	};
}

/** The value below which `share` of the sorted values fall (nearest rank); null when empty. */
export function quantile(values: readonly number[], share: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)));
	return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type Streak = {outcome: 'completed' | 'failed'; count: number; since: number | null};

export type SyncStats = {
	/** Runs in the history. */
	runs: number;
	/** Runs that completed or failed (canceled and skipped runs say nothing of how the sync does). */
	decided: number;
	medianMs: number | null;
	p90Ms: number | null;
	/** Failed of decided, 0..1; null with nothing decided. */
	failureRate: number | null;
	/** The newest decided runs with one outcome; canceled and skipped runs neither break nor count. */
	streak: Streak | null;
	lastSuccess: {id: number; at: number | null} | null;
};

const completedDurations = (points: readonly HistoryPoint[]): number[] =>
	points.filter(point => point.phase === 'completed' && point.durationMs !== null).map(point => point.durationMs!);

const isDecided = (point: HistoryPoint): boolean => point.phase === 'completed' || point.phase === 'failed';

/** The figures of a history, newest first. */
export function syncStats(points: readonly HistoryPoint[]): SyncStats {
	const durations = completedDurations(points);
	const decided = points.filter(point => isDecided(point));
	const failures = decided.filter(point => point.phase === 'failed').length;
	let streak: Streak | null = null;
	for (const point of decided) {
		const outcome = point.phase as Streak['outcome'];
		if (streak === null) streak = {outcome, count: 1, since: point.startedAt};
		else if (streak.outcome === outcome) streak = {outcome, count: streak.count + 1, since: point.startedAt};
		else break;
	}

	const success = points.find(point => point.phase === 'completed');
	return {
		runs: points.length,
		decided: decided.length,
		medianMs: median(durations),
		p90Ms: quantile(durations, 0.9),
		failureRate: decided.length === 0 ? null : failures / decided.length,
		streak,
		lastSuccess: success === undefined ? null : {id: success.id, at: success.startedAt},
	};
}

export type RegressionKind = 'slow' | 'failed' | 'more-records' | 'fewer-records';

export type Regression = {
	kind: RegressionKind;
	/** One sentence, for the detail pane and plain output. */
	sentence: string;
};

/** 3.4× ; 12× ; 0.1× — one decimal while it tells something. */
function times(factor: number): string {
	if (factor >= 10) return `${Math.round(factor)}×`;
	return `${(Math.round(factor * 10) / 10).toFixed(1)}×`;
}

const runsWord = (count: number): string => (count === 1 ? '1 run' : `${count} runs`);

/**
 * How the run with id `runId` stands out from the runs before it in `points` (newest first): nothing
 * when it is not there or fewer than MIN_PAST ended runs came before it.
 */
export function runRegressions(points: readonly HistoryPoint[], runId: number): Regression[] {
	const index = points.findIndex(point => point.id === runId);
	if (index === -1) return [];
	const run = points[index]!;
	const past = points
		.slice(index + 1)
		.filter(point => !isMovingPhase(point.phase))
		.slice(0, COMPARE_RUNS);
	if (past.length < MIN_PAST) return [];
	const found: Regression[] = [];
	const slow = slowness(run, past);
	if (slow !== null) found.push(slow);
	const failed = unusualFailure(run, past);
	if (failed !== null) found.push(failed);
	const records = unusualRecords(run, past);
	if (records !== null) found.push(records);
	return found;
}

function slowness(run: HistoryPoint, past: readonly HistoryPoint[]): Regression | null {
	const durations = completedDurations(past);
	if (durations.length < MIN_COMPLETED || run.durationMs === null) return null;
	if (run.phase !== 'completed' && run.phase !== 'failed' && !isMovingPhase(run.phase)) return null;
	const middle = median(durations)!;
	const p90 = quantile(durations, 0.9)!;
	if (middle <= 0 || run.durationMs <= p90 || run.durationMs <= FAR_FACTOR * middle) return null;
	const verb = isMovingPhase(run.phase) ? 'Working for' : 'Took';
	return {
		kind: 'slow',
		sentence: `${verb} ${formatDuration(run.durationMs)}: ${times(run.durationMs / middle)} the median duration of the last ${runsWord(durations.length)} (${formatDuration(middle)}).`,
	};
}

function unusualFailure(run: HistoryPoint, past: readonly HistoryPoint[]): Regression | null {
	if (run.phase !== 'failed') return null;
	const decided = past.filter(point => isDecided(point));
	if (decided.length < MIN_PAST) return null;
	const failures = decided.filter(point => point.phase === 'failed').length;
	if (failures / decided.length > USUAL_FAILURE_SHARE) return null;
	return {
		kind: 'failed',
		sentence: `Failed where ${decided.length - failures} of the last ${runsWord(decided.length)} completed.`,
	};
}

function unusualRecords(run: HistoryPoint, past: readonly HistoryPoint[]): Regression | null {
	if (run.processed === null) return null;
	const counts = past.filter(point => point.phase === 'completed' && point.processed !== null).map(point => point.processed!);
	if (counts.length < MIN_COMPLETED) return null;
	const middle = median(counts)!;
	if (middle <= 0) return null;
	const sentence = (kind: RegressionKind): Regression => ({
		kind,
		sentence: `Processed ${formatCountFull(run.processed)} records: ${times(run.processed! / middle)} the median of the last ${runsWord(counts.length)} (${formatCountFull(Math.round(middle))}).`,
	});
	if (run.processed > quantile(counts, 0.9)! && run.processed > FAR_FACTOR * middle) return sentence('more-records');
	// A run still working has not processed all it will: fewer is a verdict only once it completed.
	if (run.phase === 'completed' && run.processed < quantile(counts, 0.1)! && run.processed < middle / FAR_FACTOR) return sentence('fewer-records');
	return null;
}

/** A short marker for a row: the kinds found, in a few characters. */
export function regressionMarker(regressions: readonly Regression[], ascii: boolean): string {
	if (regressions.length === 0) return '';
	const arrow = ascii ? '!' : '⚠';
	const words: Record<RegressionKind, string> = {slow: 'slow', failed: 'new fail', 'more-records': 'records', 'fewer-records': 'records'};
	return `${arrow} ${[...new Set(regressions.map(regression => words[regression.kind]))].join(', ')}`;
}

/** The sentences of a run's regressions as one text; '×' is 'x' under --ascii. */
export function regressionText(regressions: readonly Regression[], ascii: boolean): string {
	const text = regressions.map(regression => regression.sentence).join(' ');
	return ascii ? text.replaceAll('×', 'x') : text;
}
