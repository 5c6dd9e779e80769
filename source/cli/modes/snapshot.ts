import type {CensusApi} from '../../census/api.js';
import {isCensusError, type CensusError} from '../../census/errors.js';
import type {Sync, SyncRun} from '../../census/types.js';
import {DEFAULT_SCHEDULER_CONFIG} from '../../polling/config.js';
import type {WatchList} from '../../runs/model.js';

// One look at everything on the watch list, straight through the API and without the poller: what
// `--once` prints and what `--exit-status` decides to wait for. Runs asked for by id are fetched one by
// one; a followed sync gives its newest runs from one list request (as many as the TUI starts with);
// following the whole workspace gives each sync's newest run. Labels come from the syncs themselves.
// A run or sync that cannot be read is set aside with the reason, and the look goes on with the others:
// one poison answer must not hide every healthy run. Only what concerns every request (the token, an
// interruption) ends the look.

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
	/** Per followed sync: its run ids, newest first, or 'not_found'. A sync that could not be read is absent. */
	followed: Map<number, number[] | 'not_found'>;
	/** Runs and followed syncs that could not be read, in the order asked. */
	failures: LookFailure[];
	/** Requests that got an answer that could be used, 404s included. */
	answered: number;
};

export type LookFailure = {
	what: 'run' | 'sync';
	id: number;
	/** Why, as the client said it (unsanitised). */
	reason: string;
};

/** Runs listed for an explicitly followed sync: the page the poller starts with. */
const FOLLOWED_SYNC_RUNS = DEFAULT_SCHEDULER_CONFIG.followFirstPerPage;
/** Runs listed per sync when following the whole workspace: its newest. */
const WORKSPACE_SYNC_RUNS = 1;
/** Requests in flight at once: a workspace of hundreds of syncs is read a few at a time. */
export const CONCURRENCY = 4;

/** Failures that concern every request, not the one item: the look ends with them. */
const endsTheLook = (error: CensusError): boolean =>
	error.kind === 'aborted' || error.kind === 'insecure' || error.kind === 'root_gone' || (error.kind === 'auth' && error.status !== 403);

/** The API said nothing: it may be down, so asking for every further item would only add to the wait. */
const noAnswer = (error: CensusError): boolean => error.kind === 'timeout' || error.kind === 'network';

/** After this many items in a row got no answer, before anything answered, the rest are not asked. */
const NO_ANSWER_GIVE_UP = CONCURRENCY;

/** Counts answers and failures across a look, and decides when asking further is pointless. */
function createTally() {
	const failures: LookFailure[] = [];
	let answered = 0;
	let silent = 0;
	return {
		failures,
		answered: () => answered,
		gaveUp: () => answered === 0 && silent >= NO_ANSWER_GIVE_UP,
		answer() {
			answered++;
		},
		/** Keeps a failure of one item; rethrows one that ends the look. */
		fail(what: LookFailure['what'], id: number, error: unknown) {
			if (!isCensusError(error) || endsTheLook(error)) throw error;
			if (noAnswer(error)) silent++;
			else answered++;
			failures.push({what, id, reason: error.message});
		},
		/** An item left unasked after gaveUp(). */
		skip(what: LookFailure['what'], id: number) {
			failures.push({what, id, reason: 'not asked: the Census API answered none of the requests before it'});
		},
	};
}

type Tally = ReturnType<typeof createTally>;

/**
 * `task` over every item, at most `limit` at a time; results in the items' order, null for an item that
 * failed or was not asked. Rejects with the first failure that ends the look, after which no further
 * item is started (a rejected token must not cost one request per item).
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>, gaveUp: () => boolean = () => false): Promise<Array<R | null>> {
	const results: Array<R | null> = items.map(() => null);
	let next = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (next < items.length && !failed && !gaveUp()) {
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

/** The runs of one sync's list page, newest first: a page that carries another sync's runs is not this sync's history. */
export const syncRunsNewestFirst = (runs: readonly SyncRun[], syncId: number): SyncRun[] =>
	runs.filter(run => run.syncId === syncId).sort((a, b) => b.id - a.id);

const isNotFound = (error: unknown): boolean => isCensusError(error) && error.kind === 'not_found';

async function fetchRun(api: CensusApi, id: number, signal: AbortSignal | undefined, tally: Tally): Promise<SnapshotRun | null> {
	try {
		const run = await api.getSyncRun(id, {signal});
		tally.answer();
		return {id, run, notFound: false, origin: 'id'};
	} catch (error) {
		if (!isNotFound(error)) {
			tally.fail('run', id, error);
			return null;
		}

		tally.answer();
		return {id, run: null, notFound: true, origin: 'id'};
	}
}

async function listRuns(api: CensusApi, syncId: number, perPage: number, signal: AbortSignal | undefined, tally: Tally): Promise<SyncRun[] | 'not_found' | null> {
	try {
		const page = await api.listSyncRuns(syncId, {perPage, order: 'desc'}, {signal});
		tally.answer();
		return syncRunsNewestFirst(page.items, syncId);
	} catch (error) {
		if (!isNotFound(error)) {
			tally.fail('sync', syncId, error);
			return null;
		}

		tally.answer();
		return 'not_found';
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
 * about one run or sync (token rejected, aborted, the workspace's sync list unreadable); the others are
 * in the snapshot's `failures`.
 */
export async function takeSnapshot(api: CensusApi, watch: WatchList, signal?: AbortSignal): Promise<Snapshot> {
	const tally = createTally();
	const byId = await mapWithLimit(watch.runIds, CONCURRENCY, id => fetchRun(api, id, signal, tally), tally.gaveUp);
	const syncs = new Map<number, Sync>();
	let followedIds = watch.syncIds.map(id => ({id, perPage: FOLLOWED_SYNC_RUNS}));
	if (watch.all) {
		for (const sync of await api.listAllSyncs({signal})) syncs.set(sync.id, sync);
		tally.answer();
		const explicit = new Set(watch.syncIds);
		followedIds = [...followedIds, ...[...syncs.keys()].filter(id => !explicit.has(id)).map(id => ({id, perPage: WORKSPACE_SYNC_RUNS}))];
	}

	const pages = await mapWithLimit(followedIds, CONCURRENCY, ({id, perPage}) => listRuns(api, id, perPage, signal, tally), tally.gaveUp);
	const runs: SnapshotRun[] = [];
	const seen = new Set<number>();
	for (const [index, entry] of byId.entries()) {
		if (entry === null) {
			const id = watch.runIds[index] ?? 0;
			if (!tally.failures.some(failure => failure.what === 'run' && failure.id === id)) tally.skip('run', id);
			continue;
		}

		runs.push(entry);
		seen.add(entry.id);
	}

	const followed = new Map<number, number[] | 'not_found'>();
	for (const [index, {id: syncId}] of followedIds.entries()) {
		const page = pages[index] ?? null;
		if (page === null) {
			if (!tally.failures.some(failure => failure.what === 'sync' && failure.id === syncId)) tally.skip('sync', syncId);
			continue;
		}

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
	// In the order asked, not the order the failures came in.
	const rank = (failure: LookFailure): number =>
		failure.what === 'run' ? watch.runIds.indexOf(failure.id) : watch.runIds.length + followedIds.findIndex(({id}) => id === failure.id);
	const failures = tally.failures.sort((a, b) => rank(a) - rank(b));
	return {runs, syncs, followed, failures, answered: tally.answered()};
}
