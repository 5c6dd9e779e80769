import {describe, expect, it} from 'vitest';
import type {SyncRun} from '../../source/census/types.js';
import {createRunStore} from '../../source/store/run-store.js';
import {makeRun, UNLOADING} from '../helpers/builders.js';

// Five seconds in, as the first answer about it would say.
const RUN = {...UNLOADING, updatedAt: '2026-11-29T10:00:05.000Z'} as const;

describe('run store', () => {
	it('starts with an entry for every run id of the watch list, newest first', () => {
		const store = createRunStore({watch: {runIds: [5, 9, 7], syncIds: [], all: false}});
		expect(store.getState().runOrder).toEqual([9, 7, 5]);
		expect(store.getState().runs[7]).toMatchObject({id: 7, run: null, origin: 'id', notFound: false});
	});

	it('keeps an entry identical when a poll brings nothing new, so its row does not re-render', () => {
		const store = createRunStore({watch: {runIds: [1], syncIds: [], all: false}});
		store.getState().applyRuns([makeRun(1, RUN)], 1000);
		const first = store.getState().runs[1];
		store.getState().applyRuns([makeRun(1, RUN)], 2000);
		expect(store.getState().runs[1]).toBe(first);
		expect(store.getState().fetchedAt[1]).toBe(2000);
		store.getState().applyRuns([makeRun(1, {...RUN, recordsProcessed: 20})], 3000);
		expect(store.getState().runs[1]).not.toBe(first);
		expect(store.getState().runs[1]?.run?.recordsProcessed).toBe(20);
	});

	it('updates one run without replacing the entries of the others', () => {
		const store = createRunStore({watch: {runIds: [1, 2], syncIds: [], all: false}});
		store.getState().applyRuns([makeRun(1, RUN), makeRun(2, RUN)], 1000);
		const second = store.getState().runs[2];
		store.getState().applyRuns([makeRun(1, {...RUN, status: 'completed', currentStep: null})], 2000);
		expect(store.getState().runs[2]).toBe(second);
	});

	it('notifies subscribers once for a whole batch of answers', () => {
		const store = createRunStore({watch: {runIds: [1, 2, 3], syncIds: [], all: false}});
		let notifications = 0;
		store.subscribe(() => notifications++);
		store.getState().applyRuns([makeRun(1, RUN), makeRun(2, RUN), makeRun(3, RUN)], 1000);
		expect(notifications).toBe(1);
	});

	it('adds runs found by following a sync, and marks a newly failed one unseen until opened', () => {
		const store = createRunStore();
		store.getState().applyRuns([makeRun(4, {...RUN, status: 'failed'})], 1000, {origin: 'follow'});
		expect(store.getState().runs[4]).toMatchObject({origin: 'follow', unseenFailure: true});
		store.getState().markSeen(4);
		expect(store.getState().runs[4]?.unseenFailure).toBe(false);
	});

	it('does not bring back a removed run through a followed sync', () => {
		const store = createRunStore();
		store.getState().applyRuns([makeRun(4, RUN)], 1000, {origin: 'follow'});
		store.getState().removeRun(4);
		store.getState().applyRuns([makeRun(4, RUN)], 2000, {origin: 'follow'});
		expect(store.getState().runs[4]).toBeUndefined();
		store.getState().addRunIds([4]);
		expect(store.getState().runs[4]).toMatchObject({origin: 'id'});
	});

	it('marks a missing run not found and clears that when it answers again', () => {
		const store = createRunStore({watch: {runIds: [8], syncIds: [], all: false}});
		store.getState().markNotFound(8, 1000);
		expect(store.getState().runs[8]?.notFound).toBe(true);
		store.getState().applyRuns([makeRun(8, RUN)], 2000);
		expect(store.getState().runs[8]?.notFound).toBe(false);
	});

	it('refuses run and sync ids that are not positive integers', () => {
		const store = createRunStore();
		store.getState().addRunIds([0, -3, 1.5, Number.NaN, 12]);
		store.getState().followSync(-1);
		expect(store.getState().watch).toEqual({runIds: [12], syncIds: [], all: false});
	});

	it('keeps only the newest ended runs of each followed sync, never moving or id-watched ones', () => {
		const store = createRunStore({watch: {runIds: [1], syncIds: [101], all: false}});
		const ended = (id: number) => makeRun(id, {...RUN, status: 'completed', currentStep: null});
		store.getState().applyRuns([ended(1), ended(2), ended(3), ended(4), makeRun(5, RUN)], 1000, {origin: 'follow'});
		store.getState().pruneFollowed(2);
		expect(store.getState().runOrder).toEqual([5, 4, 3, 1]);
		expect(store.getState().observations[2]).toBeUndefined();
	});

	it('counts requests and keeps only the last minute of their times', () => {
		const store = createRunStore();
		store.getState().countRequest(0, 'ok');
		store.getState().countRequest(30_000, 'failed');
		store.getState().countRequest(70_000, 'rate_limited');
		expect(store.getState().requests).toEqual({total: 3, failed: 1, rateLimited: 1, recent: [30_000, 70_000]});
	});

	it('keeps the last few notices, newest last', () => {
		const store = createRunStore();
		for (let index = 0; index < 8; index++) store.getState().pushNotice('info', `n${index}`, index);
		expect(store.getState().notices.map(notice => notice.text)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
	});
});

describe('a run whose answer breaks applyRuns', () => {
	it('is named by applyingRunId, and only until the next applyRuns', () => {
		const store = createRunStore({watch: {runIds: [1, 2], syncIds: [], all: false}});
		store.getState().applyRuns([makeRun(1, RUN), makeRun(2, RUN)], 1000);
		// A raw object that throws when walked: what a stack overflow in the change test looked like.
		const poison: SyncRun = {
			...makeRun(2, {...RUN, status: 'completed'}),
			raw: new Proxy({}, {ownKeys: () => {
				throw new RangeError('Maximum call stack size exceeded');
			}}),
		};
		expect(store.getState().applyingRunId()).toBeNull();
		expect(() => store.getState().applyRuns([makeRun(1, RUN), poison], 2000)).toThrow(RangeError);
		expect(store.getState().applyingRunId()).toBe(2);
		store.getState().applyRuns([makeRun(1, RUN)], 3000);
		expect(store.getState().applyingRunId()).toBeNull();
	});

	it('can be left out, also before it is on screen, and a followed sync does not bring it back', () => {
		const store = createRunStore({watch: {runIds: [1], syncIds: [101], all: false}});
		store.getState().leaveOut(1);
		store.getState().leaveOut(3);
		store.getState().applyRuns([makeRun(3, RUN), makeRun(4, RUN)], 1000);
		expect(store.getState().watch.runIds).toEqual([]);
		expect(store.getState().runOrder).toEqual([4]);
	});
});
