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

/** What a batch of answers brings to the store, gathered so that each kind goes there in one update. */
export type BatchRuns = {
	/** Runs to apply: those a page brought that the store keeps. */
	runs: SyncRun[];
	/** Every run of the list pages: they keep a fetched history fresh, with no request of their own. */
	listed: SyncRun[];
};

export const emptyBatch = (): BatchRuns => ({runs: [], listed: []});

/** Stores what an answer says about syncs and fetched histories at once; gathers its runs into `batch`, for applyBatchRuns. */
export function storeAnswer(store: RunStoreApi, answer: Answer, at: number, batch: BatchRuns): void {
	switch (answer.kind) {
		case 'runs':
			batch.runs.push(...acceptedRuns(store.getState(), answer.runs, answer.listedSyncId));
			batch.listed.push(...answer.runs);
			return;
		case 'syncs':
			store.getState().upsertSyncs(answer.syncs, at);
			return;
		case 'history':
			store.getState().setSyncHistory(answer.syncId, answer.durationsMs, at, answer.runs);
			// The history fetched now replaces what the batch's earlier pages would have refreshed in it.
			batch.listed = batch.listed.filter(run => run.syncId !== answer.syncId);
			batch.runs.push(...acceptedRuns(store.getState(), answer.runs, null));
			return;
		case 'none':
			return;
	}
}

export function applyBatchRuns(store: RunStoreApi, batch: BatchRuns, at: number): void {
	store.getState().refreshSyncHistories(batch.listed);
	if (batch.runs.length === 0) return;
	store.getState().applyRuns(batch.runs, at, {origin: 'follow'});
	store.getState().pruneFollowed(KEEP_ENDED_PER_SYNC);
}
