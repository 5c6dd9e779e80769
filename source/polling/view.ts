import type {SyncRun} from '../census/types.js';
import {isTerminalPhase, runPhase} from '../runs/status.js';
import type {RunStoreState} from '../store/run-store.js';
import type {RunCadence, SchedulerView} from './scheduler.js';

/**
 * Working runs go at the interval; queued runs and old data's legacy words (new, preparing, retrying)
 * slower. A run being canceled is still going (its end is what the user waits for): at the interval.
 */
export function runCadence(run: SyncRun | null): RunCadence {
	if (run === null) return 'pending';
	const phase = runPhase(run);
	if (isTerminalPhase(phase)) return 'ended';
	if (phase === 'unknown') return 'unknown';
	if (phase === 'canceling') return 'working';
	return phase === 'working' && run.status.trim().toLowerCase() === 'working' ? 'working' : 'queued';
}

/** The slice of the store the scheduler reads, rebuilt for each plan. */
export function schedulerView(state: Pick<RunStoreState, 'runs' | 'fetchedAt' | 'watch' | 'syncs' | 'syncHistory' | 'historyWanted'>): SchedulerView {
	const histories: Record<number, number> = {};
	for (const [syncId, history] of Object.entries(state.syncHistory)) histories[Number(syncId)] = history.fetchedAt;
	return {
		runs: Object.values(state.runs).map(entry => ({
			id: entry.id,
			syncId: entry.run?.syncId ?? null,
			cadence: runCadence(entry.run),
			notFound: entry.notFound,
			fetchedAt: state.fetchedAt[entry.id] ?? null,
			failed: entry.run !== null && runPhase(entry.run) === 'failed',
		})),
		followedSyncIds: state.watch.syncIds,
		followAll: state.watch.all,
		syncs: Object.values(state.syncs).map(sync => ({
			id: sync.id,
			fetchedAt: sync.fetchedAt,
			failing: typeof sync.status === 'string' && sync.status.trim().toLowerCase() === 'failing',
		})),
		histories,
		historyWanted: Object.keys(state.historyWanted).map(Number),
	};
}
