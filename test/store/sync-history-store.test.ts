import {describe, expect, it} from 'vitest';
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

	it('remembers which histories were asked for, once each', () => {
		const store = createRunStore();
		store.getState().wantSyncHistory(7);
		const wanted = store.getState().historyWanted;
		store.getState().wantSyncHistory(7);
		expect(store.getState().historyWanted).toBe(wanted);
		expect(wanted).toEqual({7: true});
	});
});
