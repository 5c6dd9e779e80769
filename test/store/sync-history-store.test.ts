import {describe, expect, it} from 'vitest';
import {HISTORY_RUNS} from '../../source/runs/sync-history.js';
import {createRunStore} from '../../source/store/run-store.js';
import {makeRun} from '../helpers/builders.js';

describe('the store\'s sync histories', () => {
	it('keeps a fetched history\'s runs, newest first, and takes later answers for the same sync into it', () => {
		const store = createRunStore();
		store.getState().setSyncHistory(101, [60_000], 1000, [makeRun(1), makeRun(3), makeRun(2)]);
		expect(store.getState().syncHistory[101]?.runs.map(run => run.id)).toEqual([3, 2, 1]);

		store.getState().refreshSyncHistories([makeRun(4), makeRun(2, {status: 'failed'}), makeRun(9, {syncId: 202})]);
		const history = store.getState().syncHistory[101];
		expect(history?.runs.map(run => `${run.id} ${run.status}`)).toEqual(['4 completed', '3 completed', '2 failed', '1 completed']);
		// A sync without a fetched history gets none from a stray answer.
		expect(store.getState().syncHistory[202]).toBeUndefined();
		// Its fetch time stays: refreshing is not fetching.
		expect(history?.fetchedAt).toBe(1000);
	});

	it('changes nothing (no re-render) when an answer brings nothing new', () => {
		const store = createRunStore();
		store.getState().setSyncHistory(101, [], 1000, [makeRun(1)]);
		const before = store.getState().syncHistory;
		store.getState().refreshSyncHistories([makeRun(1)]);
		expect(store.getState().syncHistory).toBe(before);
	});

	it('takes a batch of runs in as it would take them one by one, in one update', () => {
		const fetched = Array.from({length: HISTORY_RUNS}, (_, i) => makeRun(i + 10));
		const batch = [
			makeRun(100),
			makeRun(5),
			makeRun(12, {status: 'failed'}),
			makeRun(7, {syncId: 202}),
			makeRun(100, {status: 'failed'}),
			makeRun(101),
			makeRun(8, {syncId: 303}),
		];
		const oneByOne = createRunStore();
		const atOnce = createRunStore();
		for (const store of [oneByOne, atOnce]) {
			store.getState().setSyncHistory(101, [], 1000, fetched);
			store.getState().setSyncHistory(202, [], 1000, [makeRun(6, {syncId: 202})]);
		}

		for (const run of batch) oneByOne.getState().refreshSyncHistories([run]);
		let updates = 0;
		atOnce.subscribe(() => updates++);
		atOnce.getState().refreshSyncHistories(batch);
		expect(updates).toBe(1);
		expect(atOnce.getState().syncHistory).toEqual(oneByOne.getState().syncHistory);
		expect(atOnce.getState().syncHistory[101]?.runs.slice(0, 3).map(run => `${run.id} ${run.status}`)).toEqual(['101 completed', '100 failed', '59 completed']);
		expect(atOnce.getState().syncHistory[101]?.runs).toHaveLength(HISTORY_RUNS);
	});

	it('remembers which histories were asked for, once each', () => {
		const store = createRunStore();
		store.getState().wantSyncHistory(7);
		const wanted = store.getState().historyWanted;
		store.getState().wantSyncHistory(7);
		expect(store.getState().historyWanted).toBe(wanted);
		expect(wanted).toEqual({7: true});
	});
});
