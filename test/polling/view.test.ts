import {describe, expect, it} from 'vitest';
import {runCadence, schedulerView} from '../../source/polling/view.js';
import {createRunStore} from '../../source/store/run-store.js';
import {BARE, makeRun, makeSync, UNKNOWN_SYNC} from '../helpers/builders.js';

describe('runCadence', () => {
	it.each([
		['working', false, 'working'],
		['Working', false, 'working'],
		['queued', false, 'queued'],
		['new', false, 'queued'],
		['preparing', false, 'queued'],
		['retrying', false, 'queued'],
		['completed', false, 'ended'],
		['failed', false, 'ended'],
		['skipped', false, 'ended'],
		['working', true, 'working'],
		['queued', true, 'working'],
		['completed', true, 'ended'],
		['paused_by_gremlins', false, 'unknown'],
	])('status %s (canceled %s) → %s', (status, canceled, cadence) => {
		expect(runCadence(makeRun(1, {...BARE, syncId: 7, status, canceled}))).toBe(cadence);
	});

	it('polls a run whose cancel was asked for until it has completed_at', () => {
		expect(runCadence(makeRun(1, {...BARE, syncId: 7, status: 'working', canceled: true, completedAt: null}))).toBe('working');
		expect(runCadence(makeRun(1, {...BARE, syncId: 7, status: 'working', canceled: true, completedAt: '2021-10-20T02:52:29.234Z'}))).toBe('ended');
	});

	it('reads a sync\'s status whatever its case', () => {
		const store = createRunStore();
		const sync = (id: number, status: string) => makeSync(id, null, {...UNKNOWN_SYNC, status, paused: false});
		store.getState().upsertSyncs([sync(1, 'failing'), sync(2, 'FAILING'), sync(3, 'Ready'), sync(4, 'ready')], 10);
		expect(schedulerView(store.getState()).syncs.map(entry => entry.failing)).toEqual([true, true, false, false]);
	});

	it('a run with no answer yet is pending', () => {
		expect(runCadence(null)).toBe('pending');
	});
});

describe('schedulerView', () => {
	it('carries what the scheduler needs from the store', () => {
		const store = createRunStore({watch: {runIds: [1, 2], syncIds: [9], all: false}});
		store.getState().applyRuns([makeRun(1, {...BARE, syncId: 7, status: 'failed'})], 1234);
		store.getState().markNotFound(2, 1300);
		store.getState().upsertSyncs(
			[makeSync(7, 'x', {...UNKNOWN_SYNC, status: 'Failing', paused: false})],
			1400,
		);
		store.getState().setSyncHistory(7, [60_000, 90_000], 1500);
		store.getState().wantSyncHistory(7);
		expect(schedulerView(store.getState())).toEqual({
			runs: [
				{id: 1, syncId: 7, cadence: 'ended', notFound: false, fetchedAt: 1234, failed: true},
				{id: 2, syncId: null, cadence: 'pending', notFound: true, fetchedAt: 1300, failed: false},
			],
			followedSyncIds: [9],
			followAll: false,
			syncs: [{id: 7, fetchedAt: 1400, failing: true}],
			histories: {7: 1500},
			historyWanted: [7],
		});
	});
});
