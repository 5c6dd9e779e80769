import {describe, expect, it} from 'vitest';
import {filterRunIds} from '../../source/runs/run-filter.js';
import {nextSort, RUN_SORTS, sortRunIds} from '../../source/runs/run-sort.js';
import {makeRun, makeSync, storeWith} from '../helpers/builders.js';

// Newest first is the store's order (higher ids first here).
const store = () =>
	storeWith(
		[
			makeRun(6, {syncId: 2, status: 'completed', createdAt: '2026-11-29T10:00:00Z', completedAt: '2026-11-29T10:01:00Z'}),
			makeRun(5, {syncId: 1, status: 'failed', recordsFailed: 0, createdAt: '2026-11-29T10:00:00Z', completedAt: '2026-11-29T10:00:10Z'}),
			makeRun(4, {syncId: 3, status: 'working', completedAt: null, createdAt: '2026-11-29T10:00:00Z', updatedAt: '2026-11-29T10:30:00Z'}),
			makeRun(3, {syncId: 2, status: 'completed', recordsFailed: 12, createdAt: '2026-11-29T10:00:00Z', completedAt: '2026-11-29T10:05:00Z'}),
			makeRun(2, {syncId: 1, status: 'skipped', createdAt: '2026-11-29T10:00:00Z', completedAt: '2026-11-29T10:00:00Z'}),
			makeRun(1, {syncId: 3, status: 'completed', recordsFailed: 3, createdAt: '2026-11-29T10:00:00Z', completedAt: '2026-11-29T10:02:00Z'}),
		],
		[makeSync(1, 'beta'), makeSync(2, 'Alpha'), makeSync(3, 'gamma')],
	).getState();

const order = (sort: (typeof RUN_SORTS)[number]) => filterRunIds(store(), {text: '', quick: 'all', sort});

describe('sortRunIds', () => {
	it('keeps newest first by default', () => {
		expect(order('newest')).toEqual([6, 5, 4, 3, 2, 1]);
		expect(filterRunIds(store(), {text: '', quick: 'all'})).toEqual([6, 5, 4, 3, 2, 1]);
	});

	it('puts failures first, then what is still going, then the rest; ties newest first', () => {
		expect(order('status')).toEqual([5, 4, 2, 6, 3, 1]);
	});

	it('sorts by sync label, case-insensitively', () => {
		expect(order('sync')).toEqual([6, 3, 5, 2, 4, 1]);
	});

	it('puts the longest runs first, a working run counted to its last update', () => {
		expect(order('duration')).toEqual([4, 3, 1, 6, 5, 2]);
	});

	it('puts the runs with the most rejected records first', () => {
		expect(order('failed')).toEqual([3, 1, 6, 5, 4, 2]);
	});

	it('sorts only the runs the filter lets through', () => {
		expect(filterRunIds(store(), {text: '', quick: 'ended', sort: 'failed'})).toEqual([3, 1, 6, 5, 2]);
		expect(sortRunIds([2, 1], store(), 'failed')).toEqual([1, 2]);
	});

	it('cycles through every order and back', () => {
		let sort = RUN_SORTS[0] ?? 'newest';
		const seen = [sort];
		for (let index = 1; index < RUN_SORTS.length; index++) seen.push((sort = nextSort(sort)));
		expect(seen).toEqual(RUN_SORTS);
		expect(nextSort(sort)).toBe('newest');
	});
});
