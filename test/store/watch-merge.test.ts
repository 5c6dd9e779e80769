import {describe, expect, it} from 'vitest';
import {mergeWatchLists} from '../../source/store/watch-merge.js';

const list = (runIds: number[], syncIds: number[] = [], all = false) => ({runIds, syncIds, all});

describe('merging two windows\' watch lists', () => {
	it('keeps the file\'s order, drops what this window removed and appends what it added, once each', () => {
		const base = list([1, 2, 3], [10]);
		const mine = list([2, 3, 5, 4, 5], [10, 11]);
		const theirs = list([3, 6, 1, 2, 4], [12, 10]);
		expect(mergeWatchLists(base, mine, theirs, 100)).toEqual(list([3, 6, 2, 4, 5], [12, 10, 11]));
	});

	it('gives this window\'s list when nobody else wrote, and cuts at the limit', () => {
		const base = list([1, 2]);
		const mine = list([2, 7, 8, 9]);
		expect(mergeWatchLists(base, mine, base, 100)).toEqual(mine);
		expect(mergeWatchLists(base, mine, base, 2).runIds).toEqual([2, 7]);
	});

	it('takes a large list in as it is', () => {
		const ids = Array.from({length: 1000}, (_, i) => 1000 - i);
		expect(mergeWatchLists(list([]), list(ids), list([]), 1000).runIds).toEqual(ids);
	});
});
