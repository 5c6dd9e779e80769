// What each Census endpoint answers, given the world: the envelopes, pagination and error bodies of the
// contract, under v1 or v2 (the same world; v2 objects carry v2's extra fields). No I/O here; server.ts
// sends the answer (or a fault instead).
import {paginate, readPageRequest, type PageRequest} from './pagination.js';
import type {ApiRoute, ApiVersion} from './routes.js';
import {v2FieldsOf} from './v2-fields.js';
import type {RawRun, RawSync, World} from './world.js';

export type ApiAnswer = {status: number; body: unknown};

/** Builds the deprecated top-level `next` URL of a list answer. */
export type PageLink = (page: number, request: PageRequest) => string;

const NOT_FOUND: ApiAnswer = {status: 404, body: {status: 404}};

const writeError = (status: number, message: string): ApiAnswer => ({status, body: {status: 'error', message}});

function listAnswer<T>(oldestFirstIds: readonly number[], query: URLSearchParams, load: (id: number) => T | null, link: PageLink): ApiAnswer {
	const request = readPageRequest(query);
	const {items, pagination} = paginate(oldestFirstIds, request);
	return {
		status: 200,
		body: {
			status: 'success',
			data: items.flatMap(id => {
				const item = load(id);
				return item === null ? [] : [item];
			}),
			pagination,
			next: pagination.next_page === null ? null : link(pagination.next_page, request),
		},
	};
}

export function answerApi(world: World, route: ApiRoute, query: URLSearchParams, link: PageLink, version: ApiVersion = 'v1'): ApiAnswer {
	const v2 = version === 'v2';
	const syncOf = (sync: RawSync | null): RawSync | null => (sync === null || !v2 ? sync : {...sync, ...v2FieldsOf(sync)});
	const runOf = (run: RawRun | null): RawRun | null =>
		run === null || !v2 ? run : {...run, ...v2FieldsOf(world.getSync(Number(run['sync_id'])))};

	switch (route.route) {
		case 'syncs': {
			return listAnswer(world.syncIds(), query, id => syncOf(world.getSync(id)), link);
		}

		case 'sync': {
			const sync = syncOf(world.getSync(route.syncId));
			return sync === null ? NOT_FOUND : {status: 200, body: {status: 'success', data: sync}};
		}

		case 'sync_runs': {
			const ids = world.runIds(route.syncId);
			if (ids === null) {
				return NOT_FOUND;
			}

			const extra = v2 ? v2FieldsOf(world.getSync(route.syncId)) : {};
			return listAnswer(ids.reverse(), query, id => {
				const run = world.getRun(id);
				return run === null ? null : {...run, ...extra};
			}, link);
		}

		case 'sync_run': {
			const run = runOf(world.getRun(route.runId));
			return run === null ? NOT_FOUND : {status: 200, body: {status: 'success', data: run}};
		}

		case 'trigger': {
			const runId = world.trigger(route.syncId, query.get('force_full_sync') === 'true');
			return runId === null
				? writeError(404, `Sync ${route.syncId} was not found`)
				: {status: 200, body: {status: 'success', data: {sync_run_id: runId}}};
		}

		case 'cancel': {
			if (world.getRun(route.runId) === null) {
				return writeError(404, `Sync run ${route.runId} was not found`);
			}

			return world.cancel(route.runId)
				? {status: 200, body: {status: 'cancelled', data: {}}}
				: writeError(400, `Sync run ${route.runId} has already finished`);
		}
	}
}
