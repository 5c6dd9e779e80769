import type {SyncRun} from '../census/types.js';
import type {RunStoreApi, RunStoreState} from '../store/run-store.js';
import type {Answer} from './fetch-target.js';

// Answers into the store. Runs are gathered over a batch and applied in one update, so that a list page is
// one render, not one per run.

/** Runs the watcher keeps per followed sync once they have ended (the store prunes the rest). */
const KEEP_ENDED_PER_SYNC = 10;

/**
 * Runs of a list page that go to the store: those already watched, and, for a followed sync, those
 * newer than the oldest it keeps (so runs pruned as old do not come back with the next page).
 */
function acceptedRuns(current: Pick<RunStoreState, 'runs' | 'watch'>, runs: SyncRun[], listedSyncId: number | null): SyncRun[] {
	if (listedSyncId === null) return runs.filter(run => current.runs[run.id] !== undefined);
	const following = current.watch.all || current.watch.syncIds.includes(listedSyncId);
	let oldestKept = Number.POSITIVE_INFINITY;
	for (const entry of Object.values(current.runs)) if (entry.run?.syncId === listedSyncId) oldestKept = Math.min(oldestKept, entry.id);
	const anyKept = Number.isFinite(oldestKept);
	return runs.filter(run => current.runs[run.id] !== undefined || (following && (!anyKept || run.id > oldestKept)));
}

/** Stores what an answer says about syncs and histories at once; answers the runs it brought, for applyAnswerRuns. */
export function storeAnswer(store: RunStoreApi, answer: Answer, at: number): SyncRun[] {
	switch (answer.kind) {
		case 'runs': {
			const runs = acceptedRuns(store.getState(), answer.runs, answer.listedSyncId);
			// The pages the scheduler reads anyway keep a fetched history fresh: no request of its own.
			store.getState().refreshSyncHistories(answer.runs);
			return runs;
		}

		case 'syncs':
			store.getState().upsertSyncs(answer.syncs, at);
			return [];
		case 'history':
			store.getState().setSyncHistory(answer.syncId, answer.durationsMs, at, answer.runs);
			return acceptedRuns(store.getState(), answer.runs, null);
		case 'none':
			return [];
	}
}

export function applyAnswerRuns(store: RunStoreApi, runs: SyncRun[], at: number): void {
	if (runs.length === 0) return;
	store.getState().applyRuns(runs, at, {origin: 'follow'});
	store.getState().pruneFollowed(KEEP_ENDED_PER_SYNC);
}
