import type {Pagination} from './types.js';

/** The largest page the API serves: a per_page above it is answered with this many. */
export const MAX_PER_PAGE = 100;

/**
 * The page after `current` of a listing, or null to stop: on an empty page, at last_page, or when
 * next_page does not advance. Without pagination fields, a full page says there may be more.
 */
export function nextPage(current: number, received: number, pagination: Pagination | null): number | null {
	if (received === 0) return null;
	if (pagination === null) return received < MAX_PER_PAGE ? null : current + 1;
	if (pagination.lastPage !== null && current >= pagination.lastPage) return null;
	const next = pagination.nextPage;
	return next !== null && next > current ? next : null;
}
