import type {RunEntry, SyncHistory} from '../runs/model.js';
import type {RunStoreState} from './run-store.js';
import {isMovingPhase} from '../runs/status.js';
import {HISTORY_RUNS, type HistoryPoint, historyPoint, type HistoryRun, historyRun, mergeHistory, type Regression, runRegressions} from '../runs/sync-history.js';

// A sync's history as the screens see it: the fetched page kept fresh by the poller, with the sync's runs
// in the store on top (a followed sync's runs arrive there first). Remembered per history and per `runs`
// object, so that every row can ask on every render without rebuilding it.

const cache = new WeakMap<object, Map<number, {history: SyncHistory | undefined; runs: readonly HistoryRun[]}>>();

/** The sync's runs, newest first, at most HISTORY_RUNS; empty when none is known. */
export function selectHistoryRuns(state: Pick<RunStoreState, 'runs' | 'syncHistory'>, syncId: number): readonly HistoryRun[] {
	const history = state.syncHistory[syncId];
	let bySync = cache.get(state.runs);
	if (bySync === undefined) {
		bySync = new Map();
		cache.set(state.runs, bySync);
	}

	const cached = bySync.get(syncId);
	if (cached !== undefined && cached.history === history) return cached.runs;
	const runs = mergeHistory(history?.runs ?? [], watchedRuns(state.runs, syncId), syncId, HISTORY_RUNS);
	bySync.set(syncId, {history, runs});
	return runs;
}

function watchedRuns(runs: Readonly<Record<number, RunEntry>>, syncId: number): HistoryRun[] {
	const found: HistoryRun[] = [];
	for (const entry of Object.values(runs)) if (entry.run?.syncId === syncId) found.push(historyRun(entry.run));
	return found;
}

const pointsCache = new WeakMap<readonly HistoryRun[], {points: HistoryPoint[]; moving: number[]}>();

/**
 * The history's points at `now`. Only a moving run's duration depends on the clock, so the ended runs'
 * points are worked out once per history, however many rows ask and however often they render; only the
 * few moving ones are redone for each `now`.
 */
export function historyPoints(runs: readonly HistoryRun[], now: number): HistoryPoint[] {
	let cached = pointsCache.get(runs);
	if (cached === undefined) {
		const points = runs.map(run => historyPoint(run, now));
		cached = {points, moving: points.flatMap((point, index) => (isMovingPhase(point.phase) ? [index] : []))};
		pointsCache.set(runs, cached);
	}

	if (cached.moving.length === 0) return cached.points;
	const points = [...cached.points];
	for (const index of cached.moving) points[index] = historyPoint(runs[index]!, now);
	return points;
}

const endedRegressions = new WeakMap<readonly HistoryRun[], Map<number, Regression[]>>();

/**
 * How a run stands out from its sync's history; empty without one or with too short a one. An ended run
 * is judged against ended runs only, so its answer holds until the history changes and is worked out once,
 * not on every render of its row.
 */
export function selectRunRegressions(state: Pick<RunStoreState, 'runs' | 'syncHistory'>, runId: number, now: number): Regression[] {
	const run = state.runs[runId]?.run;
	if (run === undefined || run === null) return [];
	const runs = selectHistoryRuns(state, run.syncId);
	const points = historyPoints(runs, now);
	const point = points.find(candidate => candidate.id === runId);
	if (point === undefined || isMovingPhase(point.phase)) return runRegressions(points, runId);
	let byRun = endedRegressions.get(runs);
	if (byRun === undefined) {
		byRun = new Map();
		endedRegressions.set(runs, byRun);
	}

	let found = byRun.get(runId);
	if (found === undefined) {
		found = runRegressions(points, runId);
		byRun.set(runId, found);
	}

	return found;
}
