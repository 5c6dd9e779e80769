import {describe, expect, it} from 'vitest';
import {
	entryStatusWord,
	filterRunIds,
	matchesQuickFilter,
	nextQuickFilter,
} from '../../source/runs/run-filter.js';
import {makeRun, makeSync, storeWith} from '../helpers/builders.js';

const state = () =>
	storeWith(
		[
			makeRun(10, {status: 'working', completedAt: null, syncId: 1}),
			makeRun(11, {status: 'queued', completedAt: null, syncId: 2}),
			makeRun(12, {status: 'failed', errorCode: 'JSON_ARRAY_ERROR', syncId: 1}),
			makeRun(13, {status: 'completed', syncId: 3}),
			makeRun(14, {status: 'completed', canceled: true, syncId: 3}),
			makeRun(15, {status: 'skipped', syncId: 2}),
			makeRun(16, {status: 'exploded', syncId: 2}),
		],
		[makeSync(1, 'Salesforce contacts'), makeSync(2, null, {resourceIdentifier: 'hubspot-deals'}), makeSync(3, '  ')],
		[17],
	).getState();

describe('entryStatusWord', () => {
	it('says waiting before the first answer, not found after a 404, canceled over completed, unknown verbatim', () => {
		const {runs} = state();
		const waiting = storeWith([]);
		waiting.getState().addRunIds([50]);
		expect(entryStatusWord(waiting.getState().runs[50]!)).toBe('waiting');
		expect(entryStatusWord(runs[17]!)).toBe('not found');
		expect(entryStatusWord(runs[14]!)).toBe('canceled');
		expect(entryStatusWord(runs[16]!)).toBe('exploded');
	});
});

describe('matchesQuickFilter', () => {
	it('sorts phases into active, failed and ended', () => {
		const {runs} = state();
		const pick = (quick: 'all' | 'active' | 'failed' | 'ended') =>
			Object.values(runs)
				.filter(entry => matchesQuickFilter(entry, quick))
				.map(entry => entry.id)
				.sort();
		expect(pick('all')).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
		expect(pick('active')).toEqual([10, 11]);
		expect(pick('failed')).toEqual([12]);
		expect(pick('ended')).toEqual([12, 13, 14, 15]);
	});
});

describe('filterRunIds', () => {
	it('keeps list order (newest first) and matches the run id', () => {
		expect(filterRunIds(state(), {text: '', quick: 'all'})).toEqual([17, 16, 15, 14, 13, 12, 11, 10]);
		expect(filterRunIds(state(), {text: '13', quick: 'all'})).toEqual([13]);
	});

	it('matches the sync label, the status word and the error code, ignoring case', () => {
		expect(filterRunIds(state(), {text: 'salesFORCE', quick: 'all'})).toEqual([12, 10]);
		expect(filterRunIds(state(), {text: 'HUBSPOT', quick: 'all'})).toEqual([16, 15, 11]);
		expect(filterRunIds(state(), {text: 'cancel', quick: 'all'})).toEqual([14]);
		expect(filterRunIds(state(), {text: 'not found', quick: 'all'})).toEqual([17]);
		expect(filterRunIds(state(), {text: 'json_array', quick: 'all'})).toEqual([12]);
	});

	it('matches the sync id as a row shows it, with or without its #', () => {
		const runs = storeWith([makeRun(20, {syncId: 102}), makeRun(21, {syncId: 7})], [makeSync(102, 'Contacts'), makeSync(7, 'Deals')]).getState();
		expect(filterRunIds(runs, {text: '102', quick: 'all'})).toEqual([20]);
		expect(filterRunIds(runs, {text: '#102', quick: 'all'})).toEqual([20]);
		expect(filterRunIds(runs, {text: 'contacts #102', quick: 'all'})).toEqual([20]);
		expect(filterRunIds(runs, {text: '#7', quick: 'all'})).toEqual([21]);
	});

	it('matches the error message text', () => {
		const runs = storeWith([
			makeRun(30, {status: 'failed', errorCode: 'INVALID_CREDENTIALS', errorMessage: 'Salesforce said ACCOUNTS_HEALTH check failed'}),
			makeRun(31, {status: 'failed', errorCode: 'OTHER', errorMessage: 'something else'}),
		]).getState();
		expect(filterRunIds(runs, {text: 'accounts_health', quick: 'all'})).toEqual([30]);
	});

	it('combines text and quick filters', () => {
		expect(filterRunIds(state(), {text: 'hubspot', quick: 'active'})).toEqual([11]);
		expect(filterRunIds(state(), {text: 'nothing like this', quick: 'all'})).toEqual([]);
	});
});

describe('nextQuickFilter', () => {
	it('cycles all → active → failed → ended → all', () => {
		expect(nextQuickFilter('all')).toBe('active');
		expect(nextQuickFilter('active')).toBe('failed');
		expect(nextQuickFilter('failed')).toBe('ended');
		expect(nextQuickFilter('ended')).toBe('all');
	});
});
