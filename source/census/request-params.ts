import {LIST_QUERY, type ApiVersion} from './api-version.js';
import {CensusError} from './errors.js';
import {MAX_PER_PAGE} from './pagination.js';
import type {PageQuery} from './types.js';

// What the caller asks for, as the API's path ids and query parameters: checked before anything is sent.

export function requireId(value: number, what: string): number {
	if (!Number.isSafeInteger(value) || value <= 0) {
		throw new CensusError('client', `${what} must be a positive integer`);
	}

	return value;
}

function pageParams(query: PageQuery | undefined): Record<string, string> {
	const params: Record<string, string> = {};
	if (query?.page !== undefined) {
		params['page'] = String(Number.isFinite(query.page) ? Math.max(1, Math.floor(query.page)) : 1);
	}

	if (query?.perPage !== undefined) {
		params['per_page'] = String(Number.isFinite(query.perPage) ? Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage))) : MAX_PER_PAGE);
	}

	if (query?.order !== undefined) {
		if (query.order !== 'asc' && query.order !== 'desc') {
			throw new CensusError('client', 'order must be asc or desc');
		}

		params['order'] = query.order;
	}

	return params;
}

/** A list request's parameters; --group's group_id on a version whose lists take it (see api-version.ts). */
export const listParams = (query: PageQuery | undefined, version: ApiVersion, groupId: string | null): Record<string, string> =>
	groupId !== null && LIST_QUERY[version].groupId ? {...pageParams(query), group_id: groupId} : pageParams(query);
