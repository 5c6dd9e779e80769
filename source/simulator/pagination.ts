// Census's list pagination: page from 1 (0 read as 1), per_page 25 by default and at most 100, order
// by creation time (desc by default), and a `pagination` block with null prev/next at the ends.

export type Order = 'asc' | 'desc';

export type PageRequest = {page: number; perPage: number; order: Order};

export type PaginationBlock = {
	total_records: number;
	per_page: number;
	prev_page: number | null;
	page: number;
	next_page: number | null;
	last_page: number;
};

const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

const wholeNumber = (value: string | null): number | null =>
	value !== null && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : null;

export function readPageRequest(query: URLSearchParams): PageRequest {
	const page = wholeNumber(query.get('page'));
	const perPage = wholeNumber(query.get('per_page'));
	return {
		page: page === null || page < 1 ? 1 : page,
		perPage: perPage === null || perPage < 1 ? DEFAULT_PER_PAGE : Math.min(perPage, MAX_PER_PAGE),
		order: query.get('order')?.trim().toLowerCase() === 'asc' ? 'asc' : 'desc',
	};
}

/** One page of `oldestFirst` in the requested order; a page past the last one is empty. */
export function paginate<T>(oldestFirst: readonly T[], request: PageRequest): {items: T[]; pagination: PaginationBlock} {
	const total = oldestFirst.length;
	const lastPage = Math.max(1, Math.ceil(total / request.perPage));
	const start = (request.page - 1) * request.perPage;
	const ordered = request.order === 'asc' ? oldestFirst : [...oldestFirst].reverse();
	return {
		items: ordered.slice(start, start + request.perPage),
		pagination: {
			total_records: total,
			per_page: request.perPage,
			prev_page: request.page > 1 ? Math.min(request.page - 1, lastPage) : null,
			page: request.page,
			next_page: request.page < lastPage ? request.page + 1 : null,
			last_page: lastPage,
		},
	};
}
