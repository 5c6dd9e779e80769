import type {CensusApi} from '../../census/api.js';
import {isCensusError} from '../../census/errors.js';
import type {Sync, SyncRun} from '../../census/types.js';
import {DEFAULT_SCHEDULER_CONFIG} from '../../polling/config.js';
import type {WatchList} from '../../store/run-store.js';

// One look at everything on the watch list, straight through the API and without the poller: what
// `--once` prints and what `--exit-status` decides to wait for. Runs asked for by id are fetched one by
// one; a followed sync gives its newest runs from one list request (as many as the TUI starts with);
// following the whole workspace gives each sync's newest run. Labels come from the syncs themselves.

export type SnapshotRun = {
	id: number;
	run: SyncRun | null;
	notFound: boolean;
	origin: 'id' | 'follow';
};

export type Snapshot = {
	/** Runs asked for by id (in the order asked), then each followed sync's runs, newest first; no run twice. */
	runs: SnapshotRun[];
	/** Syncs whose objects were fetched, for labels. */
	syncs: Map<number, Sync>;
	/** Per followed sync: its run ids, newest first, or 'not_found'. */
	followed: Map<number, number[] | 'not_found'>;
};

/** Runs listed for an explicitly followed sync: the page the poller starts with. */
export const FOLLOWED_SYNC_RUNS = DEFAULT_SCHEDULER_CONFIG.followFirstPerPage;
/** Runs listed per sync when following the whole workspace: its newest. */
export const WORKSPACE_SYNC_RUNS = 1;
/** Requests in flight at once: a workspace of hundreds of syncs is read a few at a time. */
const CONCURRENCY = 4;

/**
 * `task` over every item, at most `limit` at a time; results in the items' order. Rejects with the first
 * failure, after which no further item is started (a rejected token must not cost one request per item).
 */
async function mapWithLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	let next = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (next < items.length && !failed) {
			const index = next++;
			try {
				results[index] = await task(items[index] as T);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};

	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}

const isNotFound = (error: unknown): boolean => isCensusError(error) && error.kind === 'not_found';

async function fetchRun(api: CensusApi, id: number, signal: AbortSignal | undefined): Promise<SnapshotRun> {
	try {
		return {id, run: await api.getSyncRun(id, {signal}), notFound: false, origin: 'id'};
	} catch (error) {
		if (isNotFound(error)) return {id, run: null, notFound: true, origin: 'id'};
		throw error;
	}
}

async function listRuns(api: CensusApi, syncId: number, perPage: number, signal: AbortSignal | undefined): Promise<SyncRun[] | 'not_found'> {
	try {
		const page = await api.listSyncRuns(syncId, {perPage, order: 'desc'}, {signal});
		// A page that carries another sync's runs is not this sync's history.
		return page.items.filter(run => run.syncId === syncId).sort((a, b) => b.id - a.id);
	} catch (error) {
		if (isNotFound(error)) return 'not_found';
		throw error;
	}
}

/** A label is a nicety: a sync that cannot be read leaves its runs without one, never fails the look. */
async function fetchSync(api: CensusApi, syncId: number, signal: AbortSignal | undefined): Promise<Sync | null> {
	try {
		return await api.getSync(syncId, {signal});
	} catch (error) {
		if (isCensusError(error) && error.kind !== 'aborted') return null;
		throw error;
	}
}

/**
 * Reads the watch list's runs and their syncs' labels. Throws the CensusError of a failure that is not
 * about one run or sync (token rejected, API unreachable after the client's retries, aborted).
 */
export async function takeSnapshot(api: CensusApi, watch: WatchList, signal?: AbortSignal): Promise<Snapshot> {
	const byId = await mapWithLimit(watch.runIds, CONCURRENCY, id => fetchRun(api, id, signal));
	const syncs = new Map<number, Sync>();
	let followedIds = watch.syncIds.map(id => ({id, perPage: FOLLOWED_SYNC_RUNS}));
	if (watch.all) {
		for (const sync of await api.listAllSyncs({signal})) syncs.set(sync.id, sync);
		const explicit = new Set(watch.syncIds);
		followedIds = [...followedIds, ...[...syncs.keys()].filter(id => !explicit.has(id)).map(id => ({id, perPage: WORKSPACE_SYNC_RUNS}))];
	}

	const pages = await mapWithLimit(followedIds, CONCURRENCY, ({id, perPage}) => listRuns(api, id, perPage, signal));
	const runs: SnapshotRun[] = [...byId];
	const seen = new Set(byId.map(entry => entry.id));
	const followed = new Map<number, number[] | 'not_found'>();
	for (const [index, {id: syncId}] of followedIds.entries()) {
		const page = pages[index] ?? 'not_found';
		followed.set(syncId, page === 'not_found' ? page : page.map(run => run.id));
		if (page === 'not_found') continue;
		for (const run of page) {
			if (seen.has(run.id)) continue;
			seen.add(run.id);
			runs.push({id: run.id, run, notFound: false, origin: 'follow'});
		}
	}

	const anyMissing = runs.some(entry => entry.notFound) || [...followed.values()].includes('not_found');
	const anyFound = runs.some(entry => entry.run !== null) || [...followed.values()].some(ids => ids !== 'not_found') || watch.all;
	// A 404 says "this run (or sync) is gone" only from a root that answers: a wrong base URL or a retired
	// API answers 404 everywhere. The smallest sync list page tells (it throws root_gone when that is it).
	if (anyMissing && !anyFound) await api.listSyncs({page: 1, perPage: 1}, {signal});

	const missing = [...new Set(runs.flatMap(entry => (entry.run === null ? [] : [entry.run.syncId])))].filter(id => !syncs.has(id));
	const fetched = await mapWithLimit(missing, CONCURRENCY, id => fetchSync(api, id, signal));
	for (const sync of fetched) if (sync !== null) syncs.set(sync.id, sync);
	return {runs, syncs, followed};
}
