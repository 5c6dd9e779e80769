import {describe, expect, it} from 'vitest';
import type {Answer} from '../../source/polling/fetch-target.js';
import {applyBatchRuns, emptyBatch, storeAnswer} from '../../source/polling/store-answers.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {makeRun} from '../helpers/builders.js';

// A batch of answers goes to the store in one update per kind, and leaves it as the same answers taken
// one at a time would.

const AT = 1_800_000_000_000;

function storeWithHistory(): RunStoreApi {
	const store = createRunStore();
	store.getState().setSyncHistory(101, [], AT - 1000, [makeRun(1), makeRun(2)]);
	store.getState().setSyncHistory(202, [], AT - 1000, [makeRun(20, {syncId: 202})]);
	return store;
}

const answers: Answer[] = [
	{kind: 'runs', runs: [makeRun(3), makeRun(21, {syncId: 202})], listedSyncId: null},
	{kind: 'history', syncId: 101, durationsMs: [60_000], runs: [makeRun(2, {status: 'failed'}), makeRun(1)]},
	{kind: 'runs', runs: [makeRun(4), makeRun(22, {syncId: 202})], listedSyncId: null},
];

describe('storing a batch of answers', () => {
	it('refreshes the fetched histories once for the batch, to what one answer at a time gives', () => {
		const oneByOne = storeWithHistory();
		for (const answer of answers) {
			const batch = emptyBatch();
			storeAnswer(oneByOne, answer, AT, batch);
			applyBatchRuns(oneByOne, batch, AT);
		}

		const atOnce = storeWithHistory();
		const histories: unknown[] = [];
		atOnce.subscribe((state, previous) => {
			if (state.syncHistory !== previous.syncHistory) histories.push(state.syncHistory);
		});
		const batch = emptyBatch();
		for (const answer of answers) storeAnswer(atOnce, answer, AT, batch);
		applyBatchRuns(atOnce, batch, AT);

		expect(atOnce.getState().syncHistory).toEqual(oneByOne.getState().syncHistory);
		expect(atOnce.getState().syncHistory[101]?.runs.map(run => `${run.id} ${run.status}`)).toEqual(['4 completed', '2 failed', '1 completed']);
		expect(atOnce.getState().syncHistory[202]?.runs.map(run => run.id)).toEqual([22, 21, 20]);
		// One for the fetched history, one for the refresh of both syncs.
		expect(histories).toHaveLength(2);
	});
});
