import {describe, expect, it} from 'vitest';
import {MAX_PER_PAGE, nextPage} from '../../source/census/pagination.js';
import type {Pagination} from '../../source/census/types.js';

const pagination = (fields: Partial<Pagination>): Pagination => ({
	totalRecords: null,
	perPage: null,
	page: null,
	prevPage: null,
	nextPage: null,
	lastPage: null,
	...fields,
});

describe('nextPage', () => {
	it('follows next_page while it advances', () => {
		expect(nextPage(1, MAX_PER_PAGE, pagination({nextPage: 2, lastPage: 3}))).toBe(2);
		expect(nextPage(2, 10, pagination({nextPage: 5}))).toBe(5);
	});

	it('stops at last_page even when next_page says more', () => {
		expect(nextPage(3, MAX_PER_PAGE, pagination({nextPage: 4, lastPage: 3}))).toBeNull();
	});

	it('stops when next_page is absent, the same page or an earlier one', () => {
		expect(nextPage(2, MAX_PER_PAGE, pagination({}))).toBeNull();
		expect(nextPage(2, MAX_PER_PAGE, pagination({nextPage: 2}))).toBeNull();
		expect(nextPage(2, MAX_PER_PAGE, pagination({nextPage: 1}))).toBeNull();
	});

	it('stops on an empty page whatever the pagination says', () => {
		expect(nextPage(1, 0, pagination({nextPage: 2, lastPage: 9}))).toBeNull();
		expect(nextPage(1, 0, null)).toBeNull();
	});

	it('without pagination fields, reads on after a full page only', () => {
		expect(nextPage(4, MAX_PER_PAGE, null)).toBe(5);
		expect(nextPage(4, MAX_PER_PAGE - 1, null)).toBeNull();
	});
});
