import {describe, expect, it} from 'vitest';
import {paginate, readPageRequest} from '../../source/simulator/pagination.js';

const read = (query: string) => readPageRequest(new URLSearchParams(query));
const ids = Array.from({length: 7}, (_, at) => at + 1);

describe('readPageRequest', () => {
	it('defaults to page 1, 25 per page, newest first', () => {
		expect(read('')).toEqual({page: 1, perPage: 25, order: 'desc'});
	});

	it('reads page 0 as 1, clamps per_page to 100, and ignores what is not a whole number', () => {
		expect(read('page=0&per_page=500')).toEqual({page: 1, perPage: 100, order: 'desc'});
		expect(read('page=-2&per_page=abc&order=sideways')).toEqual({page: 1, perPage: 25, order: 'desc'});
		expect(read('page=3&per_page=0&order=ASC')).toEqual({page: 3, perPage: 25, order: 'asc'});
	});
});

describe('paginate', () => {
	it('gives a middle page with both neighbours', () => {
		expect(paginate(ids, {page: 2, perPage: 3, order: 'desc'})).toEqual({
			items: [4, 3, 2],
			pagination: {total_records: 7, per_page: 3, prev_page: 1, page: 2, next_page: 3, last_page: 3},
		});
	});

	it('gives the last page with no next page, oldest first when asked', () => {
		expect(paginate(ids, {page: 3, perPage: 3, order: 'asc'})).toEqual({
			items: [7],
			pagination: {total_records: 7, per_page: 3, prev_page: 2, page: 3, next_page: null, last_page: 3},
		});
	});

	it('gives an empty page beyond the last one', () => {
		expect(paginate(ids, {page: 9, perPage: 3, order: 'desc'})).toEqual({
			items: [],
			pagination: {total_records: 7, per_page: 3, prev_page: 3, page: 9, next_page: null, last_page: 3},
		});
	});

	it('has one empty page when there is nothing', () => {
		expect(paginate([], {page: 1, perPage: 25, order: 'desc'}).pagination).toEqual({
			total_records: 0,
			per_page: 25,
			prev_page: null,
			page: 1,
			next_page: null,
			last_page: 1,
		});
	});
});
