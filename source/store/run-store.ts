import {createStore, type StoreApi} from 'zustand/vanilla';
import type {ApiVersion} from '../census/api-version.js';
import {sameJson} from '../census/bounded-json.js';
import type {Sync, SyncRun} from '../census/types.js';
import {isTerminalPhase, runPhase} from '../runs/status.js';
import {HISTORY_RUNS, historyRun, type HistoryRun, mergeHistory} from '../runs/sync-history.js';
import type {ConnectionHealth, Notice, NoticeLevel, RunEntry, RunModel, RunOrigin, SyncHistory, WatchList} from '../runs/model.js';
import {observeRun, type RunObservation} from '../runs/observe.js';

// One vanilla store shared by the poller (getState/setState) and React (useStore with selectors).
// Slices are split by how often they change so that a row re-renders only when its own run's API data
// changed: `runs` entries keep their identity across polls that bring nothing new, while the
// per-poll bookkeeping (observations, fetch times) lives in slices that only the detail pane reads.

export type RequestCounters = {
	total: number;
	failed: number;
	rateLimited: number;
	/** Start times of the requests of the last minute, oldest first (bounded by the budget). */
	recent: number[];
};

/** Requests of the last minute against the budget: this process's and other windows' on the same token. */
export type BudgetUse = {limit: number; sent: number[]};

/** What a previous session saved and this one takes up again. */
export type Hydration = {
	/** Step timelines by run id; an observation that ended means that session saw the run end. */
	observations: Record<number, RunObservation>;
	/** Failed runs that session had not opened. */
	unseenFailures: number[];
};

export type RunStoreState = RunModel & {
	watch: WatchList;
	fetchedAt: Record<number, number>;
	/** Runs removed with `x` that a followed sync must not bring back. Bounded. */
	dismissed: number[];
	/** Syncs whose whole history was asked for (the history screen, --history): fetched even when none of their runs works. */
	historyWanted: Record<number, true>;
	/** Failed runs a previous session had not opened, until they are back in `runs` (they take it up then). */
	savedUnseen: Record<number, true>;
	budget: BudgetUse | null;
	health: ConnectionHealth;
	/** The Census API version answering, for the header; null until known (the demo, before the first look). */
	apiVersion: ApiVersion | null;
	lastSuccessAt: number | null;
	requests: RequestCounters;
	paused: boolean;
	notices: Notice[];
};

export type RunStoreActions = {
	/** Apply one poll cycle's answers in one update (one render). */
	applyRuns(runs: SyncRun[], now: number, options?: {origin?: RunOrigin}): void;
	markNotFound(runId: number, now: number): void;
	setRunError(runId: number, message: string | null): void;
	addRunIds(ids: number[]): void;
	removeRun(runId: number): void;
	/** Leaves a run out of this session, as removeRun does, also when it is not (yet) on screen. */
	leaveOut(runId: number): void;
	followSync(syncId: number): void;
	unfollowSync(syncId: number): void;
	setFollowAll(all: boolean): void;
	upsertSyncs(syncs: Sync[], now: number): void;
	setSyncHistory(syncId: number, durationsMs: number[], now: number, runs?: readonly SyncRun[]): void;
	/** Takes runs a list page or a run fetch brought into the histories of their syncs (those with one). */
	refreshSyncHistories(runs: readonly SyncRun[]): void;
	/** Asks for a sync's history even when none of its runs works. */
	wantSyncHistory(syncId: number): void;
	/** Takes up a previous session's timelines and unseen failures, for the runs the watch list still covers. */
	hydrate(saved: Hydration): void;
	setBudgetUse(use: BudgetUse): void;
	setHealth(health: ConnectionHealth): void;
	setApiVersion(version: ApiVersion | null): void;
	recordSuccess(now: number): void;
	countRequest(now: number, outcome: 'ok' | 'failed' | 'rate_limited'): void;
	setPaused(paused: boolean): void;
	markSeen(runId: number): void;
	pushNotice(level: NoticeLevel, text: string, now: number): void;
	dismissNotice(id: number): void;
	/** Keep only the newest `keep` ended followed runs per sync (moving and id-watched runs stay). */
	pruneFollowed(keep: number): void;
	/**
	 * The run applyRuns was taking in when it threw, for the crash report: null while it is not running
	 * or after it returned. Not state: nothing renders it.
	 */
	applyingRunId(): number | null;
};

export type RunStore = RunStoreState & RunStoreActions;
export type RunStoreApi = StoreApi<RunStore>;

const MAX_DISMISSED = 500;
const MAX_NOTICES = 5;
const MAX_HISTORY = 20;
const REQUEST_WINDOW_MS = 60_000;

export const emptyWatchList = (): WatchList => ({runIds: [], syncIds: [], all: false});

const initialRunStoreState = (watch: WatchList = emptyWatchList()): RunStoreState => {
	const runs: Record<number, RunEntry> = {};
	for (const id of watch.runIds) runs[id] = newEntry(id, 'id');
	return {
		watch,
		runs,
		runOrder: orderOf(runs),
		observations: {},
		fetchedAt: {},
		dismissed: [],
		syncs: {},
		syncHistory: {},
		historyWanted: {},
		savedUnseen: {},
		budget: null,
		health: {kind: 'connecting'},
		apiVersion: null,
		lastSuccessAt: null,
		requests: {total: 0, failed: 0, rateLimited: 0, recent: []},
		paused: false,
		notices: [],
	};
};

const newEntry = (id: number, origin: RunOrigin): RunEntry => ({
	id,
	run: null,
	notFound: false,
	lastError: null,
	origin,
	unseenFailure: false,
});

const orderOf = (runs: Record<number, RunEntry>): number[] =>
	Object.keys(runs)
		.map(Number)
		.sort((a, b) => b - a);

const sameList = (a: readonly number[], b: readonly number[]): boolean =>
	a.length === b.length && a.every((value, index) => value === b[index]);

const isEnded = (run: SyncRun): boolean => isTerminalPhase(runPhase(run));

export const createRunStore = (initial: Partial<RunStoreState> = {}): RunStoreApi => {
	let applying: number | null = null;
	return createStore<RunStore>()((set, get) => ({
		...initialRunStoreState(initial.watch),
		...initial,

		applyingRunId: () => applying,

		applyRuns(runs, now, options = {}) {
			applying = null;
			if (runs.length === 0) return;
			const state = get();
			let nextRuns: Record<number, RunEntry> | null = null;
			const observations = {...state.observations};
			const fetchedAt = {...state.fetchedAt};
			let savedUnseen: Record<number, true> | null = null;
			for (const run of runs) {
				applying = run.id;
				const existing = state.runs[run.id];
				if (!existing && state.dismissed.includes(run.id)) continue;
				const entry = existing ?? {...newEntry(run.id, options.origin ?? 'follow'), unseenFailure: state.savedUnseen[run.id] === true};
				if (state.savedUnseen[run.id]) {
					savedUnseen ??= {...state.savedUnseen};
					delete savedUnseen[run.id];
				}

				const ended = isEnded(run);
				const before = observations[run.id];
				// A first answer for a run whose saved timeline had ended: a previous session saw it end, and
				// whether it was opened is what that session saved, not news.
				const seenEnding = !existing?.run && before !== undefined && before.endedAt !== null;
				observations[run.id] = observeRun(before, run, now, ended);
				fetchedAt[run.id] = now;
				const changed =
					!existing ||
					existing.notFound ||
					existing.lastError !== null ||
					!existing.run ||
					!sameJson(existing.run.raw, run.raw);
				if (!changed) continue;
				const becameFailed = runPhase(run) === 'failed' && (existing?.run ? runPhase(existing.run) !== 'failed' : !seenEnding);
				nextRuns ??= {...state.runs};
				nextRuns[run.id] = {
					...entry,
					run,
					notFound: false,
					lastError: null,
					unseenFailure: entry.unseenFailure || becameFailed,
				};
			}
			applying = null;
			const patch: Partial<RunStoreState> = {observations, fetchedAt};
			if (savedUnseen) patch.savedUnseen = savedUnseen;
			if (nextRuns) {
				patch.runs = nextRuns;
				const order = orderOf(nextRuns);
				if (!sameList(order, state.runOrder)) patch.runOrder = order;
			}
			set(patch);
		},

		markNotFound(runId, now) {
			const entry = get().runs[runId];
			if (!entry || entry.notFound) return;
			set(state => ({
				runs: {...state.runs, [runId]: {...entry, notFound: true, lastError: null}},
				fetchedAt: {...state.fetchedAt, [runId]: now},
			}));
		},

		setRunError(runId, message) {
			const entry = get().runs[runId];
			if (!entry || entry.lastError === message) return;
			set(state => ({runs: {...state.runs, [runId]: {...entry, lastError: message}}}));
		},

		addRunIds(ids) {
			const state = get();
			const fresh = ids.filter(id => Number.isSafeInteger(id) && id > 0 && !state.watch.runIds.includes(id));
			if (fresh.length === 0) return;
			const runs = {...state.runs};
			for (const id of fresh) runs[id] = runs[id] ? {...runs[id], origin: 'id'} : newEntry(id, 'id');
			set({
				watch: {...state.watch, runIds: [...state.watch.runIds, ...fresh]},
				runs,
				runOrder: orderOf(runs),
				dismissed: state.dismissed.filter(id => !fresh.includes(id)),
			});
		},

		removeRun(runId) {
			const state = get();
			if (!state.runs[runId] && !state.watch.runIds.includes(runId)) return;
			const runs = {...state.runs};
			delete runs[runId];
			const observations = {...state.observations};
			delete observations[runId];
			const fetchedAt = {...state.fetchedAt};
			delete fetchedAt[runId];
			set({
				watch: {...state.watch, runIds: state.watch.runIds.filter(id => id !== runId)},
				runs,
				runOrder: orderOf(runs),
				observations,
				fetchedAt,
				dismissed: [...state.dismissed, runId].slice(-MAX_DISMISSED),
			});
		},

		leaveOut(runId) {
			get().removeRun(runId);
			const {dismissed} = get();
			if (!dismissed.includes(runId)) set({dismissed: [...dismissed, runId].slice(-MAX_DISMISSED)});
		},

		followSync(syncId) {
			const {watch} = get();
			if (!Number.isSafeInteger(syncId) || syncId <= 0 || watch.syncIds.includes(syncId)) return;
			set({watch: {...watch, syncIds: [...watch.syncIds, syncId]}});
		},

		unfollowSync(syncId) {
			const {watch} = get();
			if (!watch.syncIds.includes(syncId)) return;
			set({watch: {...watch, syncIds: watch.syncIds.filter(id => id !== syncId)}});
		},

		setFollowAll(all) {
			const {watch} = get();
			if (watch.all !== all) set({watch: {...watch, all}});
		},

		upsertSyncs(syncs, now) {
			if (syncs.length === 0) return;
			set(state => {
				const next = {...state.syncs};
				for (const sync of syncs) next[sync.id] = {...sync, fetchedAt: now};
				return {syncs: next};
			});
		},

		setSyncHistory(syncId, durationsMs, now, runs = []) {
			const kept = mergeHistory([], runs.map(run => historyRun(run)), syncId, HISTORY_RUNS);
			set(state => ({syncHistory: {...state.syncHistory, [syncId]: {durationsMs: durationsMs.slice(0, MAX_HISTORY), runs: kept, fetchedAt: now}}}));
		},

		refreshSyncHistories(runs) {
			const {syncHistory} = get();
			// One merge per fetched history, with all of its sync's runs at once.
			const fresh = new Map<number, {history: SyncHistory; runs: HistoryRun[]}>();
			for (const run of runs) {
				const found = fresh.get(run.syncId);
				if (found !== undefined) {
					found.runs.push(historyRun(run));
					continue;
				}

				const history = syncHistory[run.syncId];
				if (history !== undefined) fresh.set(run.syncId, {history, runs: [historyRun(run)]});
			}

			let next: Record<number, SyncHistory> | null = null;
			for (const [syncId, {history, runs: syncRuns}] of fresh) {
				const merged = mergeHistory(history.runs, syncRuns, syncId, HISTORY_RUNS);
				if (merged === history.runs) continue;
				next ??= {...syncHistory};
				next[syncId] = {...history, runs: merged};
			}

			if (next !== null) set({syncHistory: next});
		},

		wantSyncHistory(syncId) {
			if (get().historyWanted[syncId] === true || !Number.isSafeInteger(syncId)) return;
			set(state => ({historyWanted: {...state.historyWanted, [syncId]: true}}));
		},

		hydrate(saved) {
			const state = get();
			const {watch} = state;
			// Followed runs come back with their sync's next page; runs the watch list no longer covers do not.
			const covered = (id: number): boolean => watch.all || watch.syncIds.length > 0 || watch.runIds.includes(id);
			const observations = {...state.observations};
			for (const [key, observation] of Object.entries(saved.observations)) {
				const id = Number(key);
				if (covered(id) && observations[id] === undefined) observations[id] = observation;
			}

			const runs = {...state.runs};
			const savedUnseen = {...state.savedUnseen};
			for (const id of saved.unseenFailures) {
				if (!covered(id)) continue;
				const entry = runs[id];
				if (entry) runs[id] = {...entry, unseenFailure: true};
				// Without its timeline the mark is not needed: a failed run first seen without one is unseen anyway.
				else if (observations[id] !== undefined) savedUnseen[id] = true;
			}

			set({observations, runs, savedUnseen});
		},

		setBudgetUse(use) {
			const current = get().budget;
			const same =
				current !== null &&
				current.limit === use.limit &&
				current.sent.length === use.sent.length &&
				current.sent.every((at, index) => at === use.sent[index]);
			if (!same) set({budget: use});
		},

		setApiVersion(apiVersion) {
			if (get().apiVersion !== apiVersion) set({apiVersion});
		},

		setHealth(health) {
			const current = get().health;
			if (JSON.stringify(current) !== JSON.stringify(health)) set({health});
		},

		recordSuccess(now) {
			const {health} = get();
			set(health.kind === 'live' ? {lastSuccessAt: now} : {lastSuccessAt: now, health: {kind: 'live'}});
		},

		countRequest(now, outcome) {
			set(state => {
				const recent = state.requests.recent.filter(t => t > now - REQUEST_WINDOW_MS);
				recent.push(now);
				return {
					requests: {
						total: state.requests.total + 1,
						failed: state.requests.failed + (outcome === 'failed' ? 1 : 0),
						rateLimited: state.requests.rateLimited + (outcome === 'rate_limited' ? 1 : 0),
						recent,
					},
				};
			});
		},

		setPaused(paused) {
			if (get().paused !== paused) set({paused});
		},

		markSeen(runId) {
			const entry = get().runs[runId];
			if (!entry?.unseenFailure) return;
			set(state => ({runs: {...state.runs, [runId]: {...entry, unseenFailure: false}}}));
		},

		pushNotice(level, text, now) {
			set(state => {
				const id = (state.notices.at(-1)?.id ?? 0) + 1;
				return {notices: [...state.notices, {id, level, text, at: now}].slice(-MAX_NOTICES)};
			});
		},

		dismissNotice(id) {
			const {notices} = get();
			if (notices.some(notice => notice.id === id)) set({notices: notices.filter(notice => notice.id !== id)});
		},

		pruneFollowed(keep) {
			const state = get();
			const endedBySync = new Map<number, number[]>();
			for (const id of state.runOrder) {
				const entry = state.runs[id];
				if (!entry || entry.origin !== 'follow' || !entry.run || !isEnded(entry.run)) continue;
				const list = endedBySync.get(entry.run.syncId) ?? [];
				list.push(id);
				endedBySync.set(entry.run.syncId, list);
			}
			const drop = [...endedBySync.values()].flatMap(ids => ids.slice(keep));
			if (drop.length === 0) return;
			const runs = {...state.runs};
			const observations = {...state.observations};
			const fetchedAt = {...state.fetchedAt};
			for (const id of drop) {
				delete runs[id];
				delete observations[id];
				delete fetchedAt[id];
			}
			set({runs, runOrder: orderOf(runs), observations, fetchedAt});
		},
	}));
};
