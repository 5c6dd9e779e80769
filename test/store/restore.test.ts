import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import type {SyncRun} from '../../source/census/types.js';
import {stallState} from '../../source/runs/eta.js';
import type {WatchList} from '../../source/runs/model.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {
	createStateWriter,
	hydrationOf,
	loadState,
	MAX_PERSISTED_TIMELINES,
	persistedStateOf,
	type PersistedState,
} from '../../source/store/state-file.js';
import {makeRun, UNLOADING} from '../helpers/builders.js';
import {tempDirs} from '../helpers/temp-dirs.js';

// A restart as the app does it: the store's persisted slice written to a real file, read back, and taken
// up by a fresh store before the first poll.

const tempDir = tempDirs('restore');

const UNLOAD = 'Unloading data from warehouse';
const LOAD = 'Loading data into destination service';
const COMMIT = 'Committing data to destination service';

const failed = (id: number): SyncRun => makeRun(id, {...UNLOADING, status: 'failed', currentStep: LOAD, completedAt: '2026-11-29T10:05:00.000Z'});

/** Saves the store to a file, reads it back, and starts a new store on it with `watch` (the saved one by default). */
function restart(store: RunStoreApi, watch?: WatchList): {store: RunStoreApi; saved: PersistedState} {
	const path = join(tempDir(), 'state.json');
	createStateWriter(path, {onError: vi.fn()}).write(persistedStateOf(store.getState()));
	const saved = loadState(path).state;
	if (saved === null) throw new Error('nothing was saved');
	const next = createRunStore({watch: watch ?? saved.watch});
	next.getState().hydrate(hydrationOf(saved));
	return {store: next, saved};
}

describe('a restart', () => {
	it('keeps the step timeline, and a step first seen after it began after the last poll before it', () => {
		const before = createRunStore({watch: {runIds: [1], syncIds: [], all: false}});
		before.getState().applyRuns([makeRun(1, UNLOADING)], 1000);
		before.getState().applyRuns([makeRun(1, {...UNLOADING, currentStep: LOAD})], 3000);
		before.getState().applyRuns([makeRun(1, {...UNLOADING, currentStep: LOAD, recordsProcessed: 50})], 4000);
		const steps = before.getState().observations[1]?.steps;

		const {store} = restart(before);
		expect(store.getState().observations[1]?.steps).toEqual(steps);
		store.getState().applyRuns([makeRun(1, {...UNLOADING, currentStep: COMMIT})], 100_000);
		expect(store.getState().observations[1]?.steps.map(({step, firstSeenAt, prevPollAt}) => ({step, firstSeenAt, prevPollAt}))).toEqual([
			{step: UNLOAD, firstSeenAt: 1000, prevPollAt: null},
			{step: LOAD, firstSeenAt: 3000, prevPollAt: 1000},
			{step: COMMIT, firstSeenAt: 100_000, prevPollAt: 4000},
		]);
	});

	it('carries on a step seen on both sides of it as one step', () => {
		const before = createRunStore({watch: {runIds: [1], syncIds: [], all: false}});
		before.getState().applyRuns([makeRun(1, UNLOADING)], 1000);
		const {store} = restart(before);
		store.getState().applyRuns([makeRun(1, UNLOADING)], 50_000);
		expect(store.getState().observations[1]?.steps).toEqual([{step: UNLOAD, firstSeenAt: 1000, lastSeenAt: 50_000, prevPollAt: null}]);
	});

	it('does not count the time the app was closed towards a stall', () => {
		const before = createRunStore({watch: {runIds: [1], syncIds: [], all: false}});
		before.getState().applyRuns([makeRun(1, UNLOADING)], 1000);
		const {store} = restart(before);
		store.getState().applyRuns([makeRun(1, UNLOADING)], 3_600_000);
		const observation = store.getState().observations[1];
		expect(stallState({run: makeRun(1, UNLOADING), observation, expectation: null, pollIntervalMs: 5000})).toMatchObject({stalled: false, idleMs: 0});
		store.getState().applyRuns([makeRun(1, UNLOADING)], 3_700_000);
		expect(stallState({run: makeRun(1, UNLOADING), observation: store.getState().observations[1], expectation: null, pollIntervalMs: 5000})).toMatchObject({
			stalled: true,
			idleMs: 100_000,
		});
	});

	it('keeps failed runs that were not opened unseen, opened ones seen, and marks one that failed while it was closed', () => {
		const before = createRunStore({watch: {runIds: [], syncIds: [101], all: false}});
		before.getState().applyRuns([failed(10), failed(11), makeRun(12, UNLOADING)], 1000, {origin: 'follow'});
		before.getState().markSeen(11);

		const {store, saved} = restart(before);
		expect(saved.unseenFailures).toEqual([10]);
		// Followed runs come back with their sync's first page; until then the mark is kept for them.
		expect(store.getState().runs).toEqual({});
		expect(persistedStateOf(store.getState()).unseenFailures).toEqual([10]);

		store.getState().applyRuns([failed(10), failed(11), failed(12)], 90_000, {origin: 'follow'});
		const unseen = (id: number) => store.getState().runs[id]?.unseenFailure;
		expect([unseen(10), unseen(11), unseen(12)]).toEqual([true, false, true]);
		expect(store.getState().savedUnseen).toEqual({});
		store.getState().markSeen(10);
		expect(persistedStateOf(store.getState()).unseenFailures).toEqual([12]);
	});

	it('restores the unseen mark of a run watched by id, which has its entry before the first poll', () => {
		const before = createRunStore({watch: {runIds: [5, 6], syncIds: [], all: false}});
		before.getState().applyRuns([failed(5), failed(6)], 1000);
		before.getState().markSeen(6);
		const {store} = restart(before);
		expect(store.getState().runs[5]?.unseenFailure).toBe(true);
		expect(store.getState().runs[6]?.unseenFailure).toBe(false);
		store.getState().applyRuns([failed(5), failed(6)], 2000);
		expect([store.getState().runs[5]?.unseenFailure, store.getState().runs[6]?.unseenFailure]).toEqual([true, false]);
	});

	it('takes up only what the new watch list covers', () => {
		const before = createRunStore({watch: {runIds: [1, 2], syncIds: [], all: false}});
		before.getState().applyRuns([failed(1), makeRun(2, UNLOADING)], 1000);
		const {store} = restart(before, {runIds: [2], syncIds: [], all: false});
		expect(Object.keys(store.getState().observations)).toEqual(['2']);
		expect(store.getState().savedUnseen).toEqual({});
		expect(persistedStateOf(store.getState()).unseenFailures).toEqual([]);
	});

	it('saves the timelines of the newest runs only', () => {
		const ids = Array.from({length: MAX_PERSISTED_TIMELINES + 50}, (_, index) => index + 1);
		const before = createRunStore({watch: {runIds: ids, syncIds: [], all: false}});
		before.getState().applyRuns(ids.map(id => makeRun(id, UNLOADING)), 1000);
		const {saved} = restart(before);
		const kept = Object.keys(saved.timelines ?? {}).map(Number);
		expect(kept).toHaveLength(MAX_PERSISTED_TIMELINES);
		expect(Math.min(...kept)).toBe(51);
	});
});
